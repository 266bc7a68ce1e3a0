import ArgumentParser
import QuoteCore
import QuoteDaemon

/// `--config FILE`, shared by the commands that read the configuration.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", discussion: "Default: $CONFIGURATION_DIRECTORY/feeds.json, else ./feeds.json.", valueName: "FILE"))
    var config: String?

    var path: String { ConfigFile.path(explicit: config) }

    func load() throws(DaemonError) -> Config { try ConfigFile.load(path) }
}
