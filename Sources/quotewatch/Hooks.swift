import ArgumentParser
import QuoteCommands
import QuoteDaemon

extension QuoteWatch {
    struct Hooks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hooks",
            abstract: "Work with the configured hooks.", subcommands: [Test.self])

        struct Test: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "test",
                abstract: "Send a sample event through one hook and say what came back.",
                discussion: "Exit 0 when the hook took it, 1 with the reason when not. The sample has id 0 and says it is a test.")

            @OptionGroup var options: ConfigOption

            @Argument(help: ArgumentHelp("The hook's id in the configuration.", valueName: "HOOK-ID"))
            var hook: String

            func run() async throws {
                do throws(DaemonError) {
                    try await Commands.testHook(hook, config: try options.load(), output: Commands.standardOutput)
                } catch {
                    throw fail(error)
                }
            }
        }
    }
}
