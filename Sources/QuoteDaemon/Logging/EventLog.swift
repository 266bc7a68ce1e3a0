import Foundation
import Logging
import QuoteCore

/// Turns committed events into log lines (DESIGN §5): the event type as the message, its fields as
/// metadata in a stable order. Change events log at notice and failures at warning, so
/// `journalctl -p notice` shows the events and nothing of the routine.
public struct EventLog: Sendable {
    public let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func log(_ event: ChangeEvent) {
        var metadata: Logger.Metadata = [:]
        // The event's number in the store: `quotewatch events --since` picks up from a journal line.
        metadata["id"] = event.id.map { .stringConvertible($0) }
        metadata["statement"] = event.statement.map { .string($0) }
        metadata["speaker"] = event.speaker.map { .string($0) }
        metadata["feed"] = .string(event.feed)
        if let score = event.score { metadata["score"] = .stringConvertible((score * 100).rounded() / 100) }
        metadata["tier"] = event.tier.map { .string($0.rawValue) }
        metadata["quote"] = event.quote.map { .string($0) }
        switch event.type {
        case .quoteEdited:
            if event.reversed { metadata["reversed"] = .stringConvertible(true) }
            metadata["previous"] = event.previous.map { .string($0) }
            metadata["diff"] = event.detail.map { .string($0) }
        case .claimChanged:
            // Named as in `events --json`; lists in the JSON log, "a, b" in text.
            metadata["oldValues"] = event.oldValues.map { .array($0.map { .string($0) }) }
            metadata["newValues"] = event.newValues.map { .array($0.map { .string($0) }) }
        case .attributionChanged:
            metadata["speaker"] = .string(event.speaker ?? "unnamed")
            metadata["previousSpeaker"] = .string(event.previous ?? "unnamed")
        case .feedFailed:
            metadata["error"] = event.detail.map { .string($0) }
        case .quoteNew:
            metadata["detail"] = event.detail.map { .string($0) }
        case .quoteRemoved, .feedRecovered:
            break
        }
        metadata["url"] = event.url.map { .string($0) }
        let level: Logger.Level = event.type == .feedFailed ? .warning : .notice
        logger.log(level: level, Logger.Message(stringLiteral: event.type.rawValue), metadata: metadata)
    }
}
