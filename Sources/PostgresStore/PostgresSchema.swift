import Logging
import PostgresNIO

/// The PostgreSQL schema of the store, in numbered steps applied once each, under an advisory
/// lock so that instances starting together migrate once (DESIGN §7).
enum PostgresSchema {
    /// The advisory lock key of migrations ("qw" and a version of the lock's meaning).
    static let lockKey: Int64 = 0x7177_0001

    static let steps: [(String, [String])] = [
        ("v1: the store of shared instances", [
            """
            CREATE TABLE feed (id text PRIMARY KEY, url text NOT NULL, fetch_url text, etag text, last_modified text, body_hash text,
              last_fetch timestamptz, result text NOT NULL DEFAULT 'pending', http_status integer, error text,
              consecutive_failures integer NOT NULL DEFAULT 0, next_due timestamptz, lease_owner text, lease_until timestamptz)
            """,
            """
            CREATE TABLE item (id bigserial PRIMARY KEY, feed_id text NOT NULL, identity text NOT NULL, link text, title text,
              published timestamptz, content_hash text NOT NULL, first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL,
              in_feed boolean NOT NULL DEFAULT true, page_url text, page_final_url text, page_etag text, page_last_modified text,
              page_hash text, page_fetched timestamptz, page_status integer, page_error text, page_failures integer NOT NULL DEFAULT 0,
              page_next_due timestamptz, UNIQUE (feed_id, identity))
            """,
            "CREATE INDEX item_link ON item (link)",
            """
            CREATE TABLE quote (item_id bigint NOT NULL REFERENCES item ON DELETE CASCADE, position integer NOT NULL, text text NOT NULL,
              speaker text, source text, start_offset integer NOT NULL, end_offset integer NOT NULL, kind text NOT NULL,
              PRIMARY KEY (item_id, position))
            """,
            "CREATE INDEX quote_speaker ON quote (lower(speaker))",
            """
            CREATE TABLE statement_state (item_id bigint NOT NULL REFERENCES item ON DELETE CASCADE, statement_id text NOT NULL,
              quote text NOT NULL, speaker text, score double precision NOT NULL, tier text NOT NULL, numeric_values text NOT NULL,
              history text NOT NULL, reversed boolean NOT NULL, PRIMARY KEY (item_id, statement_id))
            """,
            "CREATE INDEX statement_state_statement ON statement_state (statement_id)",
            """
            CREATE TABLE item_version (id bigserial PRIMARY KEY, item_id bigint NOT NULL REFERENCES item ON DELETE CASCADE,
              time timestamptz NOT NULL, source text NOT NULL, url text, etag text, last_modified text, body_hash text NOT NULL,
              text_hash text NOT NULL, text text NOT NULL, quotes text NOT NULL, complete boolean NOT NULL)
            """,
            "CREATE INDEX item_version_item ON item_version (item_id, id)",
            """
            CREATE TABLE event (id bigserial PRIMARY KEY, time timestamptz NOT NULL, type text NOT NULL, statement text, feed text NOT NULL,
              item text, url text, title text, speaker text, quote text, previous text, score double precision, tier text,
              old_values text, new_values text, detail text, reversed boolean NOT NULL DEFAULT false, first text,
              logged boolean NOT NULL DEFAULT false, instance text NOT NULL)
            """,
            "CREATE INDEX event_statement ON event (statement, id)",
            "CREATE INDEX event_item ON event (item, id)",
            "CREATE INDEX event_unlogged ON event (instance) WHERE NOT logged",
            """
            CREATE TABLE first_appearance (statement_id text PRIMARY KEY, feed text NOT NULL, item text NOT NULL, url text,
              quote text NOT NULL, time timestamptz NOT NULL)
            """,
            "CREATE TABLE statement (id text PRIMARY KEY, fingerprint text NOT NULL)",
            """
            CREATE TABLE delivery (id bigserial PRIMARY KEY, hook text NOT NULL, event_id bigint NOT NULL REFERENCES event ON DELETE CASCADE,
              attempts integer NOT NULL DEFAULT 0, next_try timestamptz NOT NULL, last_error text, lease_owner text, lease_until timestamptz)
            """,
            "CREATE INDEX delivery_hook ON delivery (hook, event_id)",
            """
            CREATE TABLE hook_state (id text PRIMARY KEY, failing_since timestamptz, last_error text, last_delivered timestamptz,
              delivered bigint NOT NULL DEFAULT 0)
            """,
        ]),
    ]

    /// Applies the steps not yet applied, holding the advisory lock on one connection.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withConnection { connection in
            try await connection.run("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
            do {
                try await connection.run("CREATE TABLE IF NOT EXISTS schema_step (name text PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())", logger: logger)
                var applied = Set<String>()
                for try await name in try await connection.query("SELECT name FROM schema_step", logger: logger).decode(String.self) {
                    applied.insert(name)
                }
                let known = Set(steps.map(\.0))
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw SchemaError(message: "was written by a newer quotewatch (schema step \"\(unknown)\" is unknown to this version); upgrade quotewatch")
                }
                for (name, statements) in steps where !applied.contains(name) {
                    try await connection.run("BEGIN", logger: logger)
                    for statement in statements {
                        try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.run("INSERT INTO schema_step (name) VALUES (\(name))", logger: logger)
                    try await connection.run("COMMIT", logger: logger)
                }
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger).collect()
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger).collect()
                throw error
            }
            try await connection.run("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
        }
    }

    struct SchemaError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

extension PostgresConnection {
    /// Runs a statement whose rows (if any) are not wanted.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        _ = try await self.query(query, logger: logger).collect()
    }
}
