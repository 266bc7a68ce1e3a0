import Foundation
import Testing

/// Reads test fixtures (bundled) and the shared corpora (beside the package, found from #filePath).
enum FixtureLoader {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "fixture \(name) is missing")
        return Array(try Data(contentsOf: url))
    }

    /// `/work/wt-parse/Tests/FeedParsingTests/X.swift` → the package root → `../shared/...`.
    static func sharedURL(_ relative: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // FeedParsingTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .deletingLastPathComponent()  // its parent
            .appendingPathComponent("shared")
            .appendingPathComponent(relative)
    }

    /// Every regular file under `directory`, sorted.
    static func files(under directory: URL) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var result: [URL] = []
        for case let url as URL in enumerator
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            result.append(url)
        }
        return result.sorted { $0.path < $1.path }
    }
}
