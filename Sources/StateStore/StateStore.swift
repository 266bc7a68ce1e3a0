// StateStore: see DESIGN §2.
