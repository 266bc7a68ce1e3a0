import Foundation
import Glibc
// `struct stat` is attributed to the Dispatch C module with SwiftNIO in the build (see UnixSocket).
#if canImport(CDispatch)
    import CDispatch
#endif
import QuoteCore
public import Logging

/// The project's log handler: one record per line on stderr (DESIGN §5, STYLE §2.5).
///
/// In `.text` format, when `$JOURNAL_STREAM` names stderr (systemd.exec(5)), each line starts with a
/// `<N>` syslog priority and carries no timestamp, since journald adds its own; otherwise each line
/// starts with an ISO 8601 timestamp and the level. Metadata follows the message as `key=value`
/// pairs in a stable order (event keys first), values quoted when they hold spaces. Embedded line
/// breaks are escaped, so a record never spans lines. In `.json` format each record is one object.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let format: LogFormat
    private let journal: Bool
    private let sink: LogSink

    /// Keys printed first, in this order, so event lines read the same every time.
    static let keyOrder = [
        "id", "statement", "speaker", "previousSpeaker", "feed", "score", "tier", "quote", "reversed", "previous", "diff", "oldValues", "newValues", "detail",
        "error", "url", "item", "http",
    ]

    public init(label: String, level: Logger.Level, format: LogFormat, journal: Bool, sink: LogSink = .standardError) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.journal = journal
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let line: String
        switch format {
        case .json:
            line = jsonLine(event, merged)
        case .text:
            line = textLine(event, merged)
        }
        sink.write(line + "\n")
    }

    func textLine(_ event: LogEvent, _ metadata: Logger.Metadata) -> String {
        var parts: [String] = []
        if journal {
            parts.append(LineLogHandler.priority(event.level) + event.message.description)
        } else {
            parts.append(LineLogHandler.timestamp(Date()) + " " + event.level.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0) + event.message.description)
        }
        for key in LineLogHandler.orderedKeys(metadata) {
            parts.append(key + "=" + LineLogHandler.render(metadata[key]!))
        }
        return LineLogHandler.singleLine(parts.joined(separator: " "))
    }

    /// One JSON object: time, level, message and logger, then the metadata in the text line's order.
    func jsonLine(_ event: LogEvent, _ metadata: Logger.Metadata) -> String {
        var pairs: [(String, JSONValue)] = [
            ("time", .string(LineLogHandler.timestamp(Date()))), ("level", .string(event.level.rawValue)),
            ("message", .string(event.message.description)), ("logger", .string(label)),
        ]
        for key in LineLogHandler.orderedKeys(metadata) where !["time", "level", "message", "logger"].contains(key) {
            pairs.append((key, LineLogHandler.json(metadata[key]!)))
        }
        return JSONValue.object(pairs).rendered
    }

    static func orderedKeys(_ metadata: Logger.Metadata) -> [String] {
        let known = keyOrder.filter { metadata[$0] != nil }
        let rest = metadata.keys.filter { !keyOrder.contains($0) }.sorted()
        return known + rest
    }

    /// The sd-daemon(3) prefix for a level.
    public static func priority(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "<7>"
        case .info: "<6>"
        case .notice: "<5>"
        case .warning: "<4>"
        case .error: "<3>"
        case .critical: "<2>"
        }
    }

    static func render(_ value: Logger.Metadata.Value) -> String {
        let text: String
        switch value {
        case .string(let string): text = string
        case .stringConvertible(let convertible): text = convertible.description
        case .array(let values):
            text = values.map { value in
                switch value {
                case .string(let string): string
                case .stringConvertible(let convertible): convertible.description
                default: value.description
                }
            }.joined(separator: ", ")
        case .dictionary: text = value.description
        }
        let bare = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            CharacterSet.alphanumerics.contains(scalar) || "-_.:/@%+,?&=#~".unicodeScalars.contains(scalar)
        }
        if bare { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + "\""
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let string): .string(string)
        case .stringConvertible(let convertible):
            // Numbers and booleans as JSON numbers and booleans (the store's ids are Int64).
            if let number = convertible as? Int { .integer(Int64(number)) } else if let number = convertible as? Int64 { .integer(number) }
            else if let number = convertible as? Double { .number(number) } else if let flag = convertible as? Bool { .bool(flag) }
            else { .string(convertible.description) }
        case .array(let values): .array(values.map(json))
        case .dictionary(let values): .object(values.keys.sorted().map { ($0, json(values[$0]!)) })
        }
    }

    static func singleLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// Whether stderr is the journal stream systemd set up (`$JOURNAL_STREAM` is "device:inode" of it).
    public static func stderrIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
