// QuoteDaemon: see DESIGN §2.
