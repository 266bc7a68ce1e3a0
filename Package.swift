// swift-tools-version:6.1
//
// quotewatch: a daemon that watches news feeds for what public figures said.
// Targets follow DESIGN §2: C only in the two system-library targets, pure logic in QuoteCore,
// one target per kind of I/O, the daemon on top, and a thin executable.
import PackageDescription

/// Upcoming features turned on package-wide (as in Hummingbird):
/// SE-0335 ExistentialAny and SE-0444 MemberImportVisibility.
let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "quotewatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "quotewatch", targets: ["quotewatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // HMAC-SHA256 of a hook's signature (DESIGN §9).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Already built for swift-service-lifecycle; the watchdog's timer (AsyncTimerSequence).
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        // The web pages, API and metrics (DESIGN §8): Hummingbird 2 on SwiftNIO, without its
        // swift-configuration trait; swift-metrics with the Prometheus text format.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // The shared store of several instances (DESIGN §7); on the SwiftNIO the web server brings.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        .target(name: "QuoteCore", swiftSettings: settings),
        .target(name: "FeedParsing", dependencies: ["QuoteCore", "CLibXML2"], swiftSettings: settings),
        .target(name: "FeedFetching", dependencies: ["QuoteCore", "CCurl"], swiftSettings: settings),
        .target(
            name: "StateStore",
            dependencies: ["QuoteCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: settings),
        // The PostgreSQL backend of the store (DESIGN §7), behind StateStore's protocol.
        .target(
            name: "PostgresStore",
            dependencies: [
                "QuoteCore", "StateStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        // The HTTP server of DESIGN §8 (read-only pages, API, metrics, health) on Hummingbird.
        .target(
            name: "QuoteWeb",
            dependencies: [
                "QuoteCore", "StateStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        .target(
            name: "QuoteDaemon",
            dependencies: [
                "QuoteCore", "FeedParsing", "FeedFetching", "StateStore", "PostgresStore", "QuoteWeb",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: settings),
        // The command-line tool's work (each subcommand's, the control client, the JSON shapes of
        // the command contracts), between the daemon it drives and the executable that parses.
        .target(
            name: "QuoteCommands",
            dependencies: ["QuoteDaemon", "QuoteCore", "FeedParsing", "FeedFetching", "StateStore"],
            swiftSettings: settings),
        .executableTarget(
            name: "quotewatch",
            dependencies: [
                "QuoteCommands", "QuoteDaemon", "QuoteCore", "StateStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),

        .executableTarget(
            name: "quotewatch-bench",
            dependencies: ["QuoteCore", "FeedParsing", "StateStore"],
            path: "Benchmarks/QuoteWatchBench",
            swiftSettings: settings),

        // libFuzzer targets (README "Fuzzing", `make fuzz`): each main.swift defines only
        // LLVMFuzzerTestOneInput. A plain build links them as executables that do nothing and exit 0.
        .executableTarget(
            name: "FuzzFeedParser", dependencies: ["FeedParsing", "QuoteCore"],
            path: "Sources/Fuzzing/FuzzFeedParser", swiftSettings: settings),
        .executableTarget(
            name: "FuzzHTMLText", dependencies: ["FeedParsing"],
            path: "Sources/Fuzzing/FuzzHTMLText", swiftSettings: settings),
        .executableTarget(
            name: "FuzzQuoteExtractor", dependencies: ["QuoteCore", "FeedParsing"],
            path: "Sources/Fuzzing/FuzzQuoteExtractor", swiftSettings: settings),
        .executableTarget(
            name: "FuzzConfigLoader", dependencies: ["QuoteCore"],
            path: "Sources/Fuzzing/FuzzConfigLoader", swiftSettings: settings),

        .testTarget(
            name: "QuoteCoreTests", dependencies: ["QuoteCore"], resources: [.copy("Fixtures")],
            swiftSettings: settings),
        .testTarget(
            name: "FeedParsingTests", dependencies: ["FeedParsing"], resources: [.copy("Fixtures")],
            swiftSettings: settings),
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: settings),
        .testTarget(name: "FeedFetchingTests", dependencies: ["FeedFetching", "TestSupport"], swiftSettings: settings),
        .testTarget(
            name: "StateStoreTests", dependencies: ["StateStore", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: settings),
        .testTarget(
            name: "QuoteDaemonTests",
            dependencies: [
                "QuoteDaemon", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        .testTarget(name: "QuoteCommandsTests", dependencies: ["QuoteCommands"], swiftSettings: settings),
        .testTarget(
            name: "StoreContractTests", dependencies: ["StateStore", "PostgresStore", "QuoteCore", "TestSupport"], swiftSettings: settings),
        .testTarget(name: "QuoteWebTests", dependencies: ["QuoteWeb", "QuoteCore", "StateStore"], swiftSettings: settings),
        .testTarget(
            name: "CLITests",
            dependencies: ["quotewatch", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: settings),
    ]
)
