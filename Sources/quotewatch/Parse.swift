import ArgumentParser
import QuoteCommands
import QuoteDaemon

extension QuoteWatch {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Print feeds normalized to JSON, one line per feed file.",
            discussion: """
                A directory is read recursively. A file that yields nothing (missing, unreadable, not a feed) \
                gets "error" set and parsing goes on; the exit status is then 1.
                """)

        @Flag(help: "One JSON object per feed.")
        var json = false

        @Argument(help: ArgumentHelp("Feed files or directories.", valueName: "FILE|DIR"))
        var paths: [String]

        func run() throws {
            let failures = Commands.parse(paths, json: json, output: LineOutput())
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
