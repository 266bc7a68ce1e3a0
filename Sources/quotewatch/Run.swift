import ArgumentParser
import Logging
import QuoteDaemon

extension QuoteWatch {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run the daemon in the foreground.",
            discussion: "Fetches each feed at its interval until SIGTERM or SIGINT; SIGHUP reloads the configuration.")

        @OptionGroup var options: ConfigOption

        @Flag(help: "Refresh every feed once, then exit.")
        var once = false

        @Option(help: ArgumentHelp("The lowest level logged.", valueName: "LEVEL"))
        var logLevel: Logger.Level = .info

        @Option(help: ArgumentHelp("text (under systemd: <N> priority prefixes, no timestamps) or json.", valueName: "FORMAT"))
        var logFormat: LogFormat = .text

        func run() async throws {
            let level = logLevel
            let format = logFormat
            let journal = LineLogHandler.stderrIsJournal()
            LoggingSystem.bootstrap { label in
                LineLogHandler(label: label, level: level, format: format, journal: journal)
            }
            let logger = Logger(label: "quotewatch")
            do {
                try await Daemon.run(configPath: options.path, once: once, logger: logger)
            } catch {
                throw fail(error)
            }
        }
    }
}
