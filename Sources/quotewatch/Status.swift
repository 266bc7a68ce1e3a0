import ArgumentParser
import QuoteCore
import QuoteCommands
import QuoteDaemon

extension QuoteWatch {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Show each feed's state: last fetch, result, next due, failures.")

        @OptionGroup var options: ConfigOption

        @Flag(help: "One JSON object.")
        var json = false

        func run() async throws {
            do {
                let config = try options.loadForReading()
                let runtime = ControlSocket.runtimeDirectory(ConfigFile.environment(for: options.path))
                let socket = runtime.map(ControlSocket.path(runtimeDirectory:)) ?? ControlSocket.path(databasePath: config.databasePath, configPath: options.path)
                try await Commands.status(config: config, json: json, socketPath: socket, output: Commands.standardOutput)
            } catch {
                throw fail(error)
            }
        }
    }
}
