import ArgumentParser
import QuoteDaemon

/// `quotewatch`: watches news feeds for what public figures said and logs every change.
@main
struct QuoteWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotewatch",
        abstract: "Watch news feeds for quotes of tracked statements and log every change.",
        discussion: """
            The configuration is read from --config, else $CONFIGURATION_DIRECTORY/feeds.json, \
            else ./feeds.json, else the installed /etc/quotewatch/feeds.json, with which every command \
            reads the installed service's store and socket. Exit codes: 0 success, 1 a user error, \
            2 an internal failure, 64 a command line that does not parse.
            """,
        version: Product.version,
        subcommands: [
            Run.self, Refresh.self, Status.self, Check.self, Events.self, Quotes.self, History.self, Extract.self, Parse.self, Match.self, Hooks.self,
        ])
}

/// Prints a command's user-facing error as one line on stderr and exits with its code.
func fail(_ error: DaemonError) -> ExitCode {
    FileHandleOutput.error("quotewatch: " + error.message)
    return ExitCode(error.exitCode)
}
