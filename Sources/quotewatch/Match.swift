import ArgumentParser
import Foundation
import QuoteCommands
import QuoteDaemon

extension QuoteWatch {
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "match",
            abstract: "Print which tracked statement each quote matches.",
            discussion: "Quotes are JSON lines {\"text\": ..., \"speaker\": ...} or plain lines, from QUOTES or stdin.")

        @Flag(help: "One JSON object per quote.")
        var json = false

        @Option(help: ArgumentHelp("Statements: a JSON list, or a config with \"statements\".", valueName: "FILE"))
        var statements: String

        @Argument(help: ArgumentHelp("The quotes file, or - for stdin.", valueName: "QUOTES"))
        var quotes: String = "-"

        func run() throws {
            do {
                let list = try Commands.loadStatements(statements)
                let text: String
                if quotes == "-" {
                    text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                } else {
                    guard let data = FileManager.default.contents(atPath: quotes) else {
                        throw DaemonError("\(quotes) does not exist or cannot be read")
                    }
                    text = String(decoding: data, as: UTF8.self)
                }
                Commands.match(statements: list, lines: text.split(separator: "\n").map(String.init), json: json, output: LineOutput())
            } catch let error as DaemonError {
                throw fail(error)
            }
        }
    }
}
