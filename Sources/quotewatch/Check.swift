import ArgumentParser
import Foundation
import QuoteCore
import QuoteDaemon

extension QuoteWatch {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration.",
            discussion: "Prints one line per problem, each naming its JSON path, and exits 1 if there is any.")

        @OptionGroup var options: ConfigOption

        func run() throws {
            do throws(DaemonError) {
                let config = try options.load()
                // A local feed file that is not there would fail at every fetch.
                let missing = config.feeds.enumerated().compactMap { index, feed -> String? in
                    guard let path = ConfigFile.localFile(of: feed.url), !FileManager.default.fileExists(atPath: path) else { return nil }
                    return "\(options.path): feeds[\(index)].url: the file \(path) does not exist"
                }
                if !missing.isEmpty { throw DaemonError(missing.joined(separator: "\n")) }
                print("\(options.path): valid, \(Plural.of(config.feeds.count, "feed")), \(Plural.of(config.statements.count, "statement")), database \(config.databasePath)")
            } catch {
                throw fail(error)
            }
        }
    }
}
