import ArgumentParser
import QuoteDaemon

extension QuoteWatch {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print feeds normalized to JSON, one line per feed file.",
            discussion: "A directory is read recursively. A file that yields nothing gets \"error\" set and parsing goes on.")

        @Flag(help: "One JSON object per feed.")
        var json = false

        @Argument(help: ArgumentHelp("Feed files or directories.", valueName: "FILE|DIR"))
        var paths: [String]

        func run() throws {
            _ = Commands.parse(paths, json: json) { print($0) }
        }
    }
}
