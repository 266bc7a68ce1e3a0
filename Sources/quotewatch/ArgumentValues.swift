import ArgumentParser
import Logging
import QuoteCore
import QuoteDaemon

// The options whose values are a closed set parse as those types: swift-argument-parser checks
// them, lists the values in --help and in its error (exit 64), from the types' cases.
extension LogFormat: ExpressibleByArgument {}
extension EventType: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}
