import ArgumentParser
import QuoteCommands
import QuoteDaemon

extension QuoteWatch {
    struct Quotes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quotes", abstract: "Print stored quotes, by speaker or tracked statement.")

        @OptionGroup var options: ConfigOption

        @Option(help: ArgumentHelp("Only quotes of this speaker (full name, any case).", valueName: "NAME"))
        var speaker: String?

        @Option(help: ArgumentHelp("Only quotes matching this tracked statement.", valueName: "ID"))
        var statement: String?

        @Flag(help: "One JSON object per line.")
        var json = false

        func run() async throws {
            do {
                let config = try options.loadForReading()
                try await Commands.quotes(config: config, speaker: speaker, statement: statement, json: json, output: Commands.standardOutput)
            } catch {
                throw fail(error)
            }
        }
    }
}
