import Foundation

/// A file in its own temporary folder, removed with it on deinit.
final class TemporaryFile {
    let folder: URL
    let path: String

    init(contents: String, name: String = "feed.xml") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("quotewatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
