import ArgumentParser
import QuoteCommands
import QuoteDaemon

extension QuoteWatch {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show every stored version of one item: time, source, validators, hashes, quotes.",
            discussion: "A version is kept whenever the item's quotes changed. ITEM is the item's guid (Atom id) or its link.")

        @OptionGroup var options: ConfigOption

        @Argument(help: ArgumentHelp("The item's guid or link.", valueName: "ITEM"))
        var item: String

        @Flag(help: "One JSON object per version, with its text.")
        var json = false

        func run() async throws {
            do {
                let config = try options.loadForReading()
                try await Commands.history(config: config, item: item, json: json, output: Commands.standardOutput)
            } catch {
                throw fail(error)
            }
        }
    }
}
