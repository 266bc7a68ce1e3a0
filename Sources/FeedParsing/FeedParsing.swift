// FeedParsing: see DESIGN §2.
