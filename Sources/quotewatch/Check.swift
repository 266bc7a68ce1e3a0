import ArgumentParser
import QuoteCore
import QuoteDaemon

extension QuoteWatch {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration.",
            discussion: "Prints one line per problem, each naming its JSON path, and exits 1 if there is any.")

        @OptionGroup var options: ConfigOption

        func run() throws {
            do {
                let config = try options.load()
                print("\(options.path): valid, \(config.feeds.count) feeds, \(config.statements.count) statements, database \(config.databasePath)")
            } catch {
                throw fail(error)
            }
        }
    }
}
