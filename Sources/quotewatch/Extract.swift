import ArgumentParser
import QuoteCommands
import QuoteDaemon

extension QuoteWatch {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Print the quotes and speakers of plain-text (.txt) or HTML (.html) articles.")

        @Flag(help: "One JSON object per file.")
        var json = false

        @Argument(help: ArgumentHelp("Article files.", valueName: "FILE"))
        var files: [String]

        func run() throws {
            let failures = Commands.extract(files, json: json, output: LineOutput(), errors: { FileHandleOutput.error("quotewatch: " + $0) })
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
