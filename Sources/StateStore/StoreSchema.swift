import GRDB

/// The store's schema as ordered GRDB migrations. A migration, once released, never changes: add one.
enum StoreSchema {
    /// The identifiers of every migration this build knows, in order; a database that has applied
    /// one not listed here was written by a newer quotewatch.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: feeds, items, quotes, states, events") { db in
            try db.create(table: "feed") { t in
                t.primaryKey("id", .text)
                t.column("url", .text).notNull()
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("bodyHash", .text)
                t.column("lastFetch", .datetime)
                t.column("result", .text).notNull().defaults(to: "pending")
                t.column("httpStatus", .integer)
                t.column("error", .text)
                t.column("consecutiveFailures", .integer).notNull().defaults(to: 0)
                t.column("nextDue", .datetime)
            }
            try db.create(table: "item") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("feedID", .text).notNull()
                t.column("identity", .text).notNull()
                t.column("link", .text)
                t.column("title", .text)
                t.column("published", .datetime)
                t.column("contentHash", .text).notNull()
                t.column("firstSeen", .datetime).notNull()
                t.column("lastSeen", .datetime).notNull()
                t.uniqueKey(["feedID", "identity"])
            }
            try db.create(table: "quote") { t in
                t.column("itemID", .integer).notNull().references("item", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("speaker", .text)
                t.column("source", .text)
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("kind", .text).notNull()
                t.primaryKey(["itemID", "position"])
            }
            try db.create(index: "quote_speaker", on: "quote", columns: ["speaker"])
            try db.create(table: "statementState") { t in
                t.column("itemID", .integer).notNull().references("item", onDelete: .cascade)
                t.column("statementID", .text).notNull()
                t.column("quote", .text).notNull()
                t.column("speaker", .text)
                t.column("score", .double).notNull()
                t.column("tier", .text).notNull()
                t.column("numericValues", .text).notNull()
                t.primaryKey(["itemID", "statementID"])
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .datetime).notNull()
                t.column("type", .text).notNull()
                t.column("statement", .text)
                t.column("feed", .text).notNull()
                t.column("item", .text)
                t.column("url", .text)
                t.column("title", .text)
                t.column("speaker", .text)
                t.column("quote", .text)
                t.column("previous", .text)
                t.column("score", .double)
                t.column("oldValues", .text)
                t.column("newValues", .text)
                t.column("detail", .text)
            }
            try db.create(index: "event_statement", on: "event", columns: ["statement"])
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v2: feed.fetchURL for permanent redirects") { db in
            try db.alter(table: "feed") { t in
                t.add(column: "fetchURL", .text)
            }
        }
        migrator.registerMigration("v3: wording history, event tier, first appearances") { db in
            try db.alter(table: "statementState") { t in
                t.add(column: "history", .text).notNull().defaults(to: "[]")
            }
            try db.alter(table: "event") { t in
                t.add(column: "tier", .text)
            }
            try db.create(table: "firstAppearance") { t in
                t.primaryKey("statementID", .text)
                t.column("feed", .text).notNull()
                t.column("item", .text).notNull()
                t.column("url", .text)
                t.column("quote", .text).notNull()
                t.column("time", .datetime).notNull()
            }
        }
        migrator.registerMigration("v4: a logged flag per event") { db in
            // A cursor (the last logged id) missed events committed by one feed and not yet logged
            // while another feed logged and recorded later ones: each event now says if it was.
            try db.alter(table: "event") { t in
                t.add(column: "logged", .boolean).notNull().defaults(to: false)
            }
            try db.execute(sql: """
                UPDATE event SET logged = 1
                WHERE id <= COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'lastLoggedEvent'), 0)
                """)
            try db.execute(sql: "DELETE FROM meta WHERE key = 'lastLoggedEvent'")
            try db.execute(sql: "CREATE INDEX event_unlogged ON event(id) WHERE logged = 0")
        }
        migrator.registerMigration("v5: item versions, linked pages, statement fingerprints, reversed edits") { db in
            // Items still in their feed (the latest read of it), where the text came from, and
            // the linked page's own validators, hash and schedule.
            try db.alter(table: "item") { t in
                t.add(column: "inFeed", .boolean).notNull().defaults(to: true)
                t.add(column: "pageURL", .text)
                t.add(column: "pageFinalURL", .text)
                t.add(column: "pageETag", .text)
                t.add(column: "pageLastModified", .text)
                t.add(column: "pageHash", .text)
                t.add(column: "pageFetched", .datetime)
                t.add(column: "pageStatus", .integer)
                t.add(column: "pageError", .text)
                t.add(column: "pageFailures", .integer).notNull().defaults(to: 0)
                t.add(column: "pageNextDue", .datetime)
            }
            try db.create(index: "item_page_due", on: "item", columns: ["feedID", "pageNextDue"])
            // Every version whose quotes changed, as evidence.
            try db.create(table: "itemVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("itemID", .integer).notNull().indexed().references("item", onDelete: .cascade)
                t.column("time", .datetime).notNull()
                t.column("source", .text).notNull()
                t.column("url", .text)
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("bodyHash", .text).notNull()
                t.column("textHash", .text).notNull()
                t.column("text", .text).notNull()
                t.column("quotes", .text).notNull()
                t.column("complete", .boolean).notNull()
            }
            // What each tracked statement was when the stored items were last matched against it.
            try db.create(table: "statement") { t in
                t.primaryKey("id", .text)
                t.column("fingerprint", .text).notNull()
            }
            try db.alter(table: "statementState") { t in
                t.add(column: "reversed", .boolean).notNull().defaults(to: false)
            }
            try db.alter(table: "event") { t in
                t.add(column: "reversed", .boolean).notNull().defaults(to: false)
                t.add(column: "first", .text)
            }
        }
        migrator.registerMigration("v6: hook deliveries") { db in
            // One row per event and hook until delivered, written with the event (DESIGN §9).
            try db.create(table: "delivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("hook", .text).notNull()
                t.column("eventID", .integer).notNull().references("event", onDelete: .cascade)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextTry", .datetime).notNull()
                t.column("lastError", .text)
                t.uniqueKey(["hook", "eventID"])
            }
            try db.create(table: "hookState") { t in
                t.primaryKey("id", .text)
                t.column("failingSince", .datetime)
                t.column("lastError", .text)
                t.column("lastDelivered", .datetime)
                t.column("delivered", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v7: fewer trees written per item") { db in
            // Each index is one more page rewritten in the log by every item's commit. No query
            // reads quote_speaker: `quotes --speaker` compares without case and by a last word
            // (LIKE '% name'), which no index of the column serves. The page schedule is asked
            // only of items whose page is due at all: the others stay out of its index.
            try db.drop(index: "quote_speaker")
            try db.drop(index: "item_page_due")
            try db.create(index: "item_page_due", on: "item", columns: ["feedID", "pageNextDue"], condition: Column("pageNextDue") != nil)
            // An item's quotes and statement states are keyed by the item and a position or a
            // statement: kept in that key's order alone (WITHOUT ROWID), they are one tree each
            // instead of a table and the index of its key.
            try db.execute(sql: """
                CREATE TABLE "quote_keyed" ("itemID" INTEGER NOT NULL REFERENCES "item"("id") ON DELETE CASCADE,
                    "position" INTEGER NOT NULL, "text" TEXT NOT NULL, "speaker" TEXT, "source" TEXT,
                    "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, "kind" TEXT NOT NULL,
                    PRIMARY KEY ("itemID", "position")) WITHOUT ROWID;
                INSERT INTO "quote_keyed" SELECT "itemID", "position", "text", "speaker", "source", "start", "end", "kind" FROM "quote";
                DROP TABLE "quote";
                ALTER TABLE "quote_keyed" RENAME TO "quote";
                CREATE TABLE "statementState_keyed" ("itemID" INTEGER NOT NULL REFERENCES "item"("id") ON DELETE CASCADE,
                    "statementID" TEXT NOT NULL, "quote" TEXT NOT NULL, "speaker" TEXT, "score" DOUBLE NOT NULL,
                    "tier" TEXT NOT NULL, "numericValues" TEXT NOT NULL, "history" TEXT NOT NULL DEFAULT '[]',
                    "reversed" BOOLEAN NOT NULL DEFAULT 0,
                    PRIMARY KEY ("itemID", "statementID")) WITHOUT ROWID;
                INSERT INTO "statementState_keyed" SELECT "itemID", "statementID", "quote", "speaker", "score", "tier",
                    "numericValues", "history", "reversed" FROM "statementState";
                DROP TABLE "statementState";
                ALTER TABLE "statementState_keyed" RENAME TO "statementState";
                """)
        }
        return migrator
    }
}
