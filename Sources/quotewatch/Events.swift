import ArgumentParser
import QuoteCore
import QuoteCommands
import QuoteDaemon
import StateStore

extension QuoteWatch {
    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events", abstract: "Print change events from the store, in id order.")

        @OptionGroup var options: ConfigOption

        @Flag(help: "One JSON object per line.")
        var json = false

        @Flag(help: "The events as an Atom 1.0 feed, newest first, for a feed reader.")
        var atom = false

        @Option(help: ArgumentHelp("Only events after this id.", valueName: "ID"))
        var since: Int64?

        @Option(help: ArgumentHelp("Only events of this type (repeatable).", valueName: "T"))
        var type: [EventType] = []

        @Option(help: ArgumentHelp("Only events of this tracked statement.", valueName: "ID"))
        var statement: String?

        @Flag(help: "Keep printing new events as they are committed.")
        var follow = false

        func validate() throws {
            if atom && json { throw ValidationError("--atom and --json are two formats; give one") }
            if atom && follow { throw ValidationError("--atom writes one whole feed; it cannot --follow (point a feed reader at it instead)") }
        }

        func run() async throws {
            let query = EventQuery(afterID: since, types: Set(type), statement: statement)
            do throws(DaemonError) {
                let config = try options.loadForReading()
                if let statement, !config.statements.isEmpty, !config.statements.contains(where: { $0.id == statement }) {
                    throw DaemonError("no statement \"\(statement)\" in \(options.path); its statements are \(config.statements.map(\.id).joined(separator: ", "))")
                }
                if atom {
                    try await Commands.eventsAtom(config: config, query: query, output: Commands.standardOutputText)
                } else {
                    try await Commands.events(config: config, query: query, json: json, follow: follow, output: Commands.standardOutput)
                }
            } catch {
                throw fail(error)
            }
        }
    }
}
