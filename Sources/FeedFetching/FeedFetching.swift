// FeedFetching: see DESIGN §2.
