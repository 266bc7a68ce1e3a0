import Foundation
import QuoteCore
import Testing

/// `hooks` in feeds.json (DESIGN §4, §9): the three kinds, their filters, and every mistake named by
/// its JSON path.
@Suite struct HookConfigTests {
    static let statements = #""statements": [{"id": "s1", "text": "A is B"}, {"id": "s2", "text": "C is D"}]"#

    func load(_ hooks: String) throws(ConfigError) -> Config {
        let json = #"{"feeds": [], "# + HookConfigTests.statements + #", "hooks": "# + hooks + "}"
        return try ConfigLoader.load(Data(json.utf8), source: "feeds.json", configDirectory: "/etc/qw")
    }

    func issues(_ hooks: String) -> [String] {
        do {
            _ = try load(hooks)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func theThreeKindsWithTheirFilters() throws {
        let config = try load("""
            [{"id": "newsroom", "url": "https://hooks.example.org/qw", "secretFile": "newsroom.secret",
              "types": ["quote.edited", "claim.changed"], "statements": ["s1"]},
             {"id": "archive", "command": ["bin/qw-archive", "--json"]},
             {"id": "plain", "command": ["logger"]},
             {"id": "desk", "email": {"server": "smtps://mail.example.org:465", "from": "qw@example.org", "to": ["desk@example.org"],
              "username": "qw", "passwordFile": "/etc/qw/smtp.pass"}}]
            """)
        #expect(config.hooks.map(\.id) == ["newsroom", "archive", "plain", "desk"])
        #expect(config.hooks[0].kind == .url("https://hooks.example.org/qw", secretFile: "/etc/qw/newsroom.secret"))
        #expect(config.hooks[0].types == [.quoteEdited, .claimChanged] && config.hooks[0].statements == ["s1"])
        #expect(config.hooks[1].kind == .command(["/etc/qw/bin/qw-archive", "--json"]), "a relative program is the config folder's")
        #expect(config.hooks[2].kind == .command(["logger"]), "a bare name is looked up on PATH")
        #expect(config.hooks[3].kind == .email(EmailHook(
            server: "smtps://mail.example.org:465", from: "qw@example.org", to: ["desk@example.org"], username: "qw", passwordFile: "/etc/qw/smtp.pass")))
        #expect(config.hook(id: "desk") != nil && config.hook(id: "nosuch") == nil)
    }

    @Test func filtersPassWhatTheyName() throws {
        let hook = HookConfig(id: "h", kind: .command(["true"]), types: [.quoteEdited], statements: ["s1"])
        let time = Date(timeIntervalSince1970: 0)
        #expect(hook.accepts(ChangeEvent(time: time, type: .quoteEdited, statement: "s1", feed: "f")))
        #expect(!hook.accepts(ChangeEvent(time: time, type: .quoteNew, statement: "s1", feed: "f")))
        #expect(!hook.accepts(ChangeEvent(time: time, type: .quoteEdited, statement: "s2", feed: "f")))
        #expect(!hook.accepts(ChangeEvent(time: time, type: .quoteEdited, statement: nil, feed: "f")))
        let all = HookConfig(id: "all", kind: .command(["true"]))
        #expect(all.accepts(ChangeEvent(time: time, type: .feedFailed, statement: nil, feed: "f")))
    }

    @Test(arguments: [
        (#"{"a": 1}"#, "hooks: must be a list of hook objects"),
        (#"[3]"#, #"hooks[0]: must be an object with "id" and one of "url", "command" or "email""#),
        (#"[{"id": "h"}]"#, #"hooks[0]: needs one of "url" (an HTTP POST), "command" (a program) or "email" (SMTP)"#),
        (#"[{"id": "h", "url": "https://a.example/", "command": ["x"]}]"#, "hooks[0]: has url and command; a hook delivers one way, so give only one"),
        (#"[{"id": "h", "url": "ftp://a.example/"}]"#, #"hooks[0].url: "ftp://a.example/" is not an http:// or https:// URL"#),
        (#"[{"id": "h", "command": []}]"#, #"hooks[0].command: must be a list of strings, the program first (no shell): ["/usr/local/bin/qw-archive", "--json"]"#),
        (#"[{"id": "h", "command": "rm -rf /"}]"#, #"hooks[0].command: must be a list of strings, the program first (no shell): ["/usr/local/bin/qw-archive", "--json"]"#),
        (#"[{"id": "h", "command": ["x"], "secretFile": "s"}]"#, #"hooks[0].secretFile: signs HTTP posts only; it belongs to a hook with "url""#),
        (#"[{"id": "h", "command": ["x"], "types": ["quote.nosuch"]}]"#,
         #"hooks[0].types[0]: "quote.nosuch" is not one of the event types; known: attribution.changed, claim.changed, feed.failed, feed.recovered, quote.edited, quote.new, quote.removed"#),
        (#"[{"id": "h", "command": ["x"], "statements": ["s1", "s9"]}]"#, #"hooks[0].statements[1]: "s9" is not one of the statement ids; known: s1, s2"#),
        (#"[{"id": "h", "command": ["x"], "statements": []}]"#, "hooks[0].statements: must be a non-empty list of statement ids"),
        (#"[{"id": "h", "command": ["x"], "typo": 1}]"#, "hooks[0].typo: unknown key; known keys here are command, email, id, secretFile, statements, types, url"),
        (#"[{"id": "h", "command": ["x"]}, {"id": "h", "command": ["y"]}]"#, #"hooks[1].id: duplicate id "h" (already used by hooks[0])"#),
        (#"[{"id": "h", "email": {"server": "https://mail.example.org", "from": "a@b.org", "to": ["c@d.org"]}}]"#,
         #"hooks[0].email.server: "https://mail.example.org" is not an smtp:// (STARTTLS) or smtps:// URL"#),
        (#"[{"id": "h", "email": {"server": "smtp://mail.example.org", "from": "nobody", "to": ["c@d.org"]}}]"#,
         #"hooks[0].email.from: "nobody" is not an email address"#),
        (#"[{"id": "h", "email": {"server": "smtp://mail.example.org", "from": "a@b.org", "to": ["c@d.org", "desk"]}}]"#,
         #"hooks[0].email.to[1]: "desk" is not an email address"#),
        (#"[{"id": "h", "email": {"server": "smtp://mail.example.org", "from": "a@b.org", "to": []}}]"#,
         "hooks[0].email.to: must be a list of one or more email addresses"),
        (#"[{"id": "h", "email": {"server": "smtp://m.example.org", "from": "a@b.org", "to": ["c@d.org"], "passwordFile": "p"}}]"#,
         #"hooks[0].email.passwordFile: needs "username" too"#),
        (#"[{"id": "h", "email": {"server": "smtp://m.example.org", "from": "a@b.org", "to": ["c@d.org"], "pass": "x"}}]"#,
         "hooks[0].email.pass: unknown key; known keys here are from, passwordFile, server, to, username"),
    ] as [(String, String)])
    func mistakesAreNamedByTheirPath(_ hooks: String, _ message: String) {
        #expect(issues(hooks) == ["feeds.json: " + message].map { String($0.dropFirst("feeds.json: ".count)) })
    }
}
