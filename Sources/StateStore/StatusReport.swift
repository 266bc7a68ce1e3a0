public import Foundation
public import QuoteCore

/// What `status` shows (DESIGN §3): each configured feed's stored state (pending when never
/// fetched) and each hook's deliveries. `status --json` and the web's `/api/status` are its ``json``.
public struct StatusReport: Sendable {
    public var feeds: [FeedState]
    public var hooks: [(config: HookConfig, state: HookState)]

    public init(feeds: [FeedState], hooks: [(config: HookConfig, state: HookState)]) {
        self.feeds = feeds
        self.hooks = hooks
    }

    /// The configured feeds and hooks with what the store holds of them. Without configured feeds
    /// (a configuration with errors): every feed the store knows. A feed whose URL changed since it
    /// was stored is pending again.
    public init(config: Config, states: [FeedState], hookStates: [HookState]) {
        let byID = Dictionary(states.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let hookByID = Dictionary(hookStates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        feeds = config.feeds.isEmpty ? states.sorted { $0.id < $1.id } : config.feeds.map { feed in
            byID[feed.id].flatMap { $0.url == feed.url ? $0 : nil } ?? FeedState(id: feed.id, url: feed.url)
        }
        hooks = config.hooks.map { ($0, hookByID[$0.id] ?? HookState(id: $0.id)) }
    }

    /// Reads the report from the store.
    public static func read(_ config: Config, from store: any Store) async throws(StoreError) -> StatusReport {
        StatusReport(config: config, states: try await store.feedStates(), hookStates: try await store.hookStates())
    }

    /// The `status --json` object.
    public var json: JSONValue {
        .object([
            ("feeds", .array(feeds.map { state in
                .object([
                    ("id", .string(state.id)),
                    ("url", .string(state.url)),
                    ("lastFetch", .date(state.lastFetch)),
                    ("result", .string(state.result.rawValue)),
                    ("httpStatus", .int(state.httpStatus)),
                    ("error", .string(state.error)),
                    ("consecutiveFailures", .int(state.consecutiveFailures)),
                    ("nextDue", .date(state.nextDue)),
                ])
            })),
            ("hooks", .array(hooks.map { hook, state in
                .object([
                    ("id", .string(hook.id)),
                    ("kind", .string(hook.kind.name)),
                    ("pending", .int(state.pending)),
                    ("delivered", .int(state.delivered)),
                    ("lastDelivered", .date(state.lastDelivered)),
                    ("failingSince", .date(state.failingSince)),
                    ("lastError", .string(state.lastError)),
                    ("nextTry", .date(state.nextTry)),
                ])
            })),
        ])
    }
}
