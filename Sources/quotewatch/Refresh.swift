import ArgumentParser
import QuoteCore
import QuoteCommands
import QuoteDaemon

extension QuoteWatch {
    struct Refresh: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Ask the running daemon to refresh feeds now.",
            discussion: """
                Talks to the daemon through its control socket, quotewatch.sock in $RUNTIME_DIRECTORY \
                (systemd), else in the database's folder. Exits 1 when no daemon is running or a feed \
                id is unknown.
                """)

        @Argument(help: ArgumentHelp("The feeds to refresh (default: all).", valueName: "FEED-ID"))
        var feeds: [String] = []

        @Flag(help: "Show each feed's progress and result as it happens, and return when all are done.")
        var wait = false

        @OptionGroup var options: ConfigOption

        @Option(help: ArgumentHelp("The daemon's control socket (default: found as the daemon finds it).", valueName: "PATH"))
        var socket: String?

        func run() throws {
            do {
                // Under systemd the socket's folder is known without reading the configuration.
                let path: String
                if let socket {
                    path = socket
                } else if let runtime = ControlSocket.runtimeDirectory(ConfigFile.environment(for: options.path)) {
                    path = ControlSocket.path(runtimeDirectory: runtime)
                } else {
                    path = ControlSocket.path(databasePath: try options.loadForReading().databasePath, configPath: options.path)
                }
                try Commands.refresh(
                    socketPath: path, feeds: feeds, wait: wait, style: Commands.refreshStyle(), write: Commands.standardOutputText)
            } catch {
                throw fail(error)
            }
        }
    }
}
