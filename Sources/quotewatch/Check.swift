import ArgumentParser
import Foundation
import QuoteCore
import QuoteDaemon

extension QuoteWatch {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate the configuration.",
            discussion: "Prints one line per problem, each naming its JSON path, and exits 1 if there is any.")

        @OptionGroup var options: ConfigOption

        func run() throws {
            do throws(DaemonError) {
                let config = try options.load()
                // A local feed file that is not there would fail at every fetch; a hook whose secret,
                // password or program is missing would never deliver.
                let missing = ConfigFile.problemsOnDisk(config)
                if !missing.isEmpty { throw DaemonError(missing.map { "\(options.path): \($0)" }.joined(separator: "\n")) }
                let hooks = config.hooks.isEmpty ? "" : ", \(Plural.of(config.hooks.count, "hook"))"
                print("\(options.path): valid, \(Plural.of(config.feeds.count, "feed")), \(Plural.of(config.statements.count, "statement"))\(hooks), database \(config.databasePath)")
            } catch {
                throw fail(error)
            }
        }
    }
}
