import ArgumentParser
import QuoteDaemon

extension QuoteWatch {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each feed's state: last fetch, result, next due, failures.")

        @OptionGroup var options: ConfigOption

        @Flag(help: "One JSON object.")
        var json = false

        func run() async throws {
            do {
                let config = try options.loadForReading()
                try await Commands.status(config: config, json: json, output: Commands.standardOutput)
            } catch {
                throw fail(error)
            }
        }
    }
}
