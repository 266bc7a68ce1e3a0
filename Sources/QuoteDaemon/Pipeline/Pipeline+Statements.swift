import Foundation
import Logging
import QuoteCore
import StateStore

/// Statements added or changed since the stored items were matched (a reload, or a new
/// configuration between two runs): matched at once against the latest stored version of every
/// item still in its feed, with no refetch (DESIGN §5).
extension Pipeline {
    /// Items read from the store at a time.
    static let restatementBatch = 200

    /// Matches the statements added or changed since the last time against the stored items; a
    /// match is a `quote.new`. Records the statements as they are now, dropping the states of those
    /// no longer configured. Cut short by shutdown, it records nothing and is done again at the next
    /// start (the items it reached keep their new states, so nothing is raised twice).
    @discardableResult
    public func applyStatements(_ active: ActiveConfig) async throws(StoreError) -> [ChangeEvent] {
        let recorded = try await store.statementFingerprints()
        let current = active.statementFingerprints
        guard recorded != current else { return [] }
        let changed = Set(current.filter { recorded[$0.key] != $0.value }.keys)
        var events: [ChangeEvent] = []
        var itemsRead = 0
        if !changed.isEmpty {
            let matcher = StatementMatcher(statements: active.config.statements.filter { changed.contains($0.id) })
            let feeds = active.config.feeds.map(\.id)
            var after: Int64 = 0
            while true {
                let batch = try await store.itemsWithLatestVersion(feedIDs: feeds, after: after, limit: Pipeline.restatementBatch)
                guard let last = batch.last else { break }
                after = last.0.itemID
                for (item, version) in batch {
                    if Task.isCancelled { return events }
                    let previous = item.states.filter { changed.contains($0.key) }
                    let observation = ItemAnalyzer.analyze(
                        text: version.text, quotes: version.quotes, matcher: matcher, previouslyQuoted: Set(previous.keys),
                        reading: .restatement)
                    var detection = ChangeDetector.detect(previous: previous, observation: observation, statements: matcher)
                    guard !detection.changes.isEmpty || detection.states != previous else { continue }
                    itemsRead += 1
                    // The other statements' states stay as they are (those no longer configured go).
                    for (id, state) in item.states where !changed.contains(id) && current[id] != nil { detection.states[id] = state }
                    let committed = try await store.commit(commit(
                        ItemPlace(item), detection: detection, version: nil, page: nil, matcher: matcher, at: now()))
                    try await log(committed)
                    events += committed
                }
                heartbeat?.beat()
            }
        }
        try await store.recordStatements(current)
        // The first start records the statements; later changes are worth a line.
        if !recorded.isEmpty {
            logger.info("statements matched against the stored items", metadata: [
                "added or changed": .stringConvertible(changed.count),
                "removed": .stringConvertible(recorded.keys.filter { current[$0] == nil }.count),
                "items": .stringConvertible(itemsRead), "events": .stringConvertible(events.count),
            ])
        }
        return events
    }
}
