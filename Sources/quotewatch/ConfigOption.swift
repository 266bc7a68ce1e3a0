import ArgumentParser
import QuoteCore
import QuoteDaemon

/// `--config FILE`, shared by the commands that read the configuration.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", discussion: "Default: $CONFIGURATION_DIRECTORY/feeds.json, else ./feeds.json, else the installed /etc/quotewatch/feeds.json (whose store and socket are the installed service's).", valueName: "FILE"))
    var config: String?

    var path: String { ConfigFile.path(explicit: config) }

    func load() throws(DaemonError) -> Config { try ConfigFile.load(path) }

    /// For a read-only command: the configuration, or one that only finds the store when it has
    /// errors (with a warning on stderr).
    func loadForReading() throws(DaemonError) -> Config { try ConfigFile.loadForReading(path, warn: FileHandleOutput.error) }
}
