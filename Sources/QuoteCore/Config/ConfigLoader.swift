import Foundation

/// Reads feeds.json (DESIGN §4) into a ``Config``, collecting every problem with its JSON path.
///
/// Pure: the caller reads the file; relative paths are resolved against `configDirectory`, and the
/// default database location comes from `stateDirectory` (systemd's `$STATE_DIRECTORY`) when given.
///
/// ```swift
/// let config = try ConfigLoader.load(data, source: "feeds.json", configDirectory: "/etc/quotewatch")
/// ```
public enum ConfigLoader {
    /// The database file name used when `database` is not set.
    public static let defaultDatabaseName = "quotewatch.sqlite"
    /// The default `refreshInterval`.
    public static let defaultRefreshInterval = 900.0
    /// The shortest refresh interval accepted: polite to publishers, and enough for local files.
    public static let minimumRefreshInterval = 10.0

    static let topKeys: Set<String> = ["refreshInterval", "database", "feeds", "statements", "limits", "hooks", "http"]
    static let httpKeys: Set<String> = ["listen", "tokenFile"]
    static let hookKeys: Set<String> = ["id", "url", "secretFile", "command", "email", "types", "statements"]
    static let emailKeys: Set<String> = ["server", "from", "to", "username", "passwordFile"]
    static let feedKeys: Set<String> = ["id", "url", "refreshInterval", "fetchArticles", "articleRecheck", "connectTimeout", "timeout"]
    static let articleRecheckKeys: Set<String> = ["min", "max"]
    static let statementKeys: Set<String> = ["id", "speaker", "aliases", "text", "threshold"]

    /// Parses and validates a configuration document.
    /// - Throws: ``ConfigError`` listing every problem found, each named by its JSON path.
    public static func load(
        _ data: Data, source: String, configDirectory: String, stateDirectory: String? = nil
    ) throws(ConfigError) -> Config {
        var validator = Validator(configDirectory: configDirectory)
        let root: JSONValue
        // The grammar strictly: a trailing comma is an error, and each says its line and column.
        do {
            root = try JSONValue.parse([UInt8](data))
        } catch {
            throw ConfigError(source: source, issues: [ConfigIssue(path: "", message: "not valid JSON: \(error)")])
        }
        let config = validator.config(root, stateDirectory: stateDirectory)
        guard let config, validator.issues.isEmpty else {
            throw ConfigError(source: source, issues: validator.issues)
        }
        return config
    }

    /// Validates a list of statements on its own (`match --statements`), with the same rules and
    /// messages as in a configuration.
    /// - Parameter value: the decoded JSON list.
    public static func statements(_ value: JSONValue, source: String) throws(ConfigError) -> [Statement] {
        var validator = Validator(configDirectory: "/")
        let statements = validator.statements(value)
        guard validator.issues.isEmpty else { throw ConfigError(source: source, issues: validator.issues) }
        return statements
    }

    /// Resolves a feed `url` value: URLs stay as they are, paths become absolute.
    /// Returns nil with a reason when the value is not a supported URL or path.
    public static func resolveFeedURL(_ raw: String, configDirectory: String) -> Result<String, ConfigIssue> {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return .failure(ConfigIssue(path: "", message: "empty URL")) }
        if let schemeEnd = value.range(of: "://") {
            let scheme = value[..<schemeEnd.lowerBound].lowercased()
            switch scheme {
            case "http", "https":
                guard let components = URLComponents(string: value), let host = components.host, !host.isEmpty else {
                    return .failure(ConfigIssue(path: "", message: "\"\(value)\" is not a valid \(scheme) URL"))
                }
                return .success(value)
            case "file":
                let path = String(value[schemeEnd.upperBound...])
                guard path.hasPrefix("/") else {
                    return .failure(ConfigIssue(path: "", message: "\"\(value)\" is not a file URL with an absolute path (file:///...)"))
                }
                return .success(path.removingPercentEncoding ?? path)
            default:
                return .failure(ConfigIssue(path: "", message: "unsupported scheme \"\(scheme)\" in \"\(value)\"; use http://, https://, file:// or a file path"))
            }
        }
        return .success(absolutePath(value, relativeTo: configDirectory))
    }

    /// Whether `text` looks like one email address (local@domain, no spaces or angle brackets): the
    /// server has the last word, this only catches a slip in the configuration.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
    }

    /// `path` made absolute against `directory`, with `.` and `..` components removed.
    public static func absolutePath(_ path: String, relativeTo directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    private struct Validator {
        let configDirectory: String
        var issues: [ConfigIssue] = []

        init(configDirectory: String) {
            self.configDirectory = configDirectory
        }

        mutating func fail(_ path: String, _ message: String) {
            issues.append(ConfigIssue(path: path, message: message))
        }

        mutating func checkKeys(_ object: JSONValue, allowed: Set<String>, path: String) {
            for key in (object.objectValue ?? []).map(\.0).sorted() where !allowed.contains(key) {
                let known = allowed.sorted().joined(separator: ", ")
                fail(Validator.member(key, of: path), "unknown key; known keys here are \(known)")
            }
        }

        /// The JSON path of `key` in the object at `path`: `key` or `path.key`, and `path["key"]` (a JSON
        /// string) for a key that is empty or holds what a bare key would be misread with (. [ ] " \,
        /// white space, controls): `{"": 1}` was reported with the empty path of the whole document
        /// (found by FuzzConfigLoader).
        static func member(_ key: String, of path: String) -> String {
            let bare = !key.isEmpty && !key.unicodeScalars.contains {
                ".[]\"\\".unicodeScalars.contains($0) || $0.properties.isWhitespace || $0.properties.generalCategory == .control
            }
            if bare { return path.isEmpty ? key : path + "." + key }
            return path + "[" + JSONValue.escape(key) + "]"
        }

        /// A value as messages quote it: a string as it is, anything else as JSON.
        static func shown(_ value: JSONValue) -> String {
            value.stringValue ?? value.rendered
        }

        mutating func string(_ object: JSONValue, _ key: String, path: String, required: Bool) -> String? {
            guard let value = object[key] else {
                if required { fail(path + "." + key, "missing; a non-empty string is required") }
                return nil
            }
            guard let string = value.stringValue else {
                fail(path + "." + key, "must be a string")
                return nil
            }
            if required, string.allSatisfy(\.isWhitespace) {
                fail(path + "." + key, "must not be empty")
                return nil
            }
            return string
        }

        mutating func duration(_ value: JSONValue?, path: String) -> Double? {
            guard let value else { return nil }
            guard let seconds = ConfigDuration.seconds(value) else {
                fail(path, "\"\(Validator.shown(value))\" is not a duration; write seconds or a number with s, m, h or d (30s, 15m, 2h)")
                return nil
            }
            guard seconds > 0 else {
                fail(path, "must be longer than zero")
                return nil
            }
            return seconds
        }

        mutating func config(_ object: JSONValue, stateDirectory: String?) -> Config? {
            guard object.objectValue != nil else {
                fail("", "the configuration must be a JSON object with \"feeds\" and \"statements\"")
                return nil
            }
            checkKeys(object, allowed: ConfigLoader.topKeys, path: "")
            var interval = ConfigLoader.defaultRefreshInterval
            if let value = duration(object["refreshInterval"], path: "refreshInterval") {
                if value < ConfigLoader.minimumRefreshInterval {
                    fail("refreshInterval", "\(ConfigDuration.format(value)) is too short; the minimum is \(ConfigDuration.format(ConfigLoader.minimumRefreshInterval))")
                } else {
                    interval = value
                }
            }
            var databasePath = ConfigLoader.absolutePath(ConfigLoader.defaultDatabaseName, relativeTo: stateDirectory ?? configDirectory)
            if let database = object["database"] {
                if let path = database.stringValue, PostgresURL.isPostgres(path) {
                    // A server shared by several instances (DESIGN §7): kept as written, checked here.
                    if case .failure(let error) = PostgresURL.parse(path) { fail("database", error.message) }
                    databasePath = path
                } else if let path = database.stringValue, !path.trimmingCharacters(in: .whitespaces).isEmpty {
                    databasePath = ConfigLoader.absolutePath(path, relativeTo: configDirectory)
                } else {
                    fail("database", "must be a non-empty file path or a postgresql:// URL")
                }
            }
            let limits = self.limits(object["limits"])
            // Counted before anything is read from them, so an oversized list costs no more work.
            if let list = object["feeds"]?.arrayValue, list.count > limits.feeds {
                fail("feeds", "\(list.count) feeds; at most \(limits.feeds) are allowed (raise limits.feeds)")
                return nil
            }
            if let list = object["statements"]?.arrayValue, list.count > limits.statements {
                fail("statements", "\(list.count) statements; at most \(limits.statements) are allowed (raise limits.statements)")
                return nil
            }
            let feeds = self.feeds(object["feeds"])
            let statements = self.statements(object["statements"])
            let hooks = self.hooks(object["hooks"], statements: Set(statements.map(\.id)))
            let http = self.http(object["http"])
            return Config(
                refreshInterval: interval, databasePath: databasePath, feeds: feeds, statements: statements, limits: limits, hooks: hooks,
                http: http)
        }

        mutating func limits(_ object: JSONValue?) -> Limits {
            var limits = Limits()
            guard let object else { return limits }
            guard object.objectValue != nil else {
                fail("limits", "must be an object such as {\"itemsPerFeed\": 2000}")
                return limits
            }
            checkKeys(object, allowed: Set(Limits.keys.map(\.name)), path: "limits")
            for key in Limits.keys {
                guard let raw = object[key.name] else { continue }
                let path = "limits." + key.name
                let parsed = key.isBytes ? Limits.bytes(raw) : Limits.count(raw)
                guard let number = parsed else {
                    fail(path, key.isBytes ? "\"\(Validator.shown(raw))\" is not a size; write bytes or a number with KB, MB or GB (500KB, 10MB)" : "\"\(Validator.shown(raw))\" is not a whole number")
                    continue
                }
                guard number > 0, number <= Limits.ceiling else {
                    fail(path, "must be between 1 and \(Limits.ceiling)")
                    continue
                }
                limits[keyPath: key.path] = number
            }
            return limits
        }

        mutating func feeds(_ value: JSONValue?) -> [FeedConfig] {
            guard let value else {
                fail("feeds", "missing; a list of feeds is required")
                return []
            }
            guard let list = value.arrayValue else {
                fail("feeds", "must be a list of feed objects")
                return []
            }
            var feeds: [FeedConfig] = []
            var seen: [String: Int] = [:]
            for (index, element) in list.enumerated() {
                let path = "feeds[\(index)]"
                guard case .object = element else {
                    fail(path, "must be an object with \"id\" and \"url\"")
                    continue
                }
                let object = element
                checkKeys(object, allowed: ConfigLoader.feedKeys, path: path)
                let id = string(object, "id", path: path, required: true)
                if let id {
                    if let first = seen[id] {
                        fail(path + ".id", "duplicate id \"\(id)\" (already used by feeds[\(first)])")
                    } else if !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
                        fail(path + ".id", "\"\(id)\" may use only letters, digits, '-', '_' and '.'")
                    } else {
                        seen[id] = index
                    }
                }
                var url: String?
                if let raw = string(object, "url", path: path, required: true) {
                    switch ConfigLoader.resolveFeedURL(raw, configDirectory: configDirectory) {
                    case .success(let resolved): url = resolved
                    case .failure(let issue): fail(path + ".url", issue.message)
                    }
                }
                let interval = duration(object["refreshInterval"], path: path + ".refreshInterval")
                if let interval, interval < ConfigLoader.minimumRefreshInterval {
                    fail(path + ".refreshInterval", "\(ConfigDuration.format(interval)) is too short; the minimum is \(ConfigDuration.format(ConfigLoader.minimumRefreshInterval))")
                }
                var fetchArticles = false
                if let value = object["fetchArticles"] {
                    if let flag = value.boolValue { fetchArticles = flag } else { fail(path + ".fetchArticles", "must be true or false") }
                }
                var recheck = ArticleRecheck()
                if let value = object["articleRecheck"] {
                    if !fetchArticles {
                        fail(path + ".articleRecheck", "has no effect without \"fetchArticles\": true; remove it or set fetchArticles")
                    } else if let parsed = articleRecheck(value, path: path + ".articleRecheck") {
                        recheck = parsed
                    }
                }
                let connectTimeout = duration(object["connectTimeout"], path: path + ".connectTimeout") ?? FeedConfig.defaultConnectTimeout
                let timeout = duration(object["timeout"], path: path + ".timeout") ?? FeedConfig.defaultTimeout
                if let id, let url {
                    feeds.append(FeedConfig(
                        id: id, url: url, refreshInterval: interval, fetchArticles: fetchArticles, articleRecheck: recheck,
                        connectTimeout: connectTimeout, timeout: timeout))
                }
            }
            return feeds
        }

        /// `articleRecheck`: true (the default schedule), false (never on a schedule), a duration (a
        /// fixed interval) or `{"min": DURATION, "max": DURATION}`.
        mutating func articleRecheck(_ value: JSONValue, path: String) -> ArticleRecheck? {
            if let flag = value.boolValue { return flag ? ArticleRecheck() : .never }
            func bounded(_ raw: JSONValue?, _ key: String) -> Double? {
                let at = key.isEmpty ? path : path + "." + key
                guard let seconds = duration(raw, path: at) else { return nil }
                guard seconds >= ConfigLoader.minimumRefreshInterval else {
                    fail(at, "\(ConfigDuration.format(seconds)) is too short; the minimum is \(ConfigDuration.format(ConfigLoader.minimumRefreshInterval))")
                    return nil
                }
                return seconds
            }
            if case .object = value {
                let object = value
                checkKeys(object, allowed: ConfigLoader.articleRecheckKeys, path: path)
                let minimum = object["min"] == nil ? ArticleRecheck.defaultMinimum : bounded(object["min"], "min")
                let maximum = object["max"] == nil ? ArticleRecheck.defaultMaximum : bounded(object["max"], "max")
                guard let minimum, let maximum else { return nil }
                guard minimum <= maximum else {
                    fail(path, "min (\(ConfigDuration.format(minimum))) is longer than max (\(ConfigDuration.format(maximum)))")
                    return nil
                }
                return ArticleRecheck(minimum: minimum, maximum: maximum)
            }
            if value.stringValue != nil || value.doubleValue != nil {
                guard let seconds = bounded(value, "") else { return nil }
                return ArticleRecheck(minimum: seconds, maximum: seconds)
            }
            fail(path, "must be true, false, a duration (30m) or {\"min\": \"15m\", \"max\": \"1d\"}")
            return nil
        }

        /// `hooks`: each with an id, exactly one of `url`, `command` and `email`, and optional
        /// `types` and `statements` filters naming known event types and configured statements.
        mutating func hooks(_ value: JSONValue?, statements known: Set<String>) -> [HookConfig] {
            guard let value else { return [] }
            guard let list = value.arrayValue else {
                fail("hooks", "must be a list of hook objects")
                return []
            }
            var hooks: [HookConfig] = []
            var seen: [String: Int] = [:]
            for (index, element) in list.enumerated() {
                let path = "hooks[\(index)]"
                guard case .object = element else {
                    fail(path, "must be an object with \"id\" and one of \"url\", \"command\" or \"email\"")
                    continue
                }
                checkKeys(element, allowed: ConfigLoader.hookKeys, path: path)
                let id = string(element, "id", path: path, required: true)
                if let id {
                    if let first = seen[id] {
                        fail(path + ".id", "duplicate id \"\(id)\" (already used by hooks[\(first)])")
                    } else if !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
                        fail(path + ".id", "\"\(id)\" may use only letters, digits, '-', '_' and '.'")
                    } else {
                        seen[id] = index
                    }
                }
                let kinds = ["url", "command", "email"].filter { element[$0] != nil }
                var kind: HookConfig.Kind?
                switch kinds.count {
                case 0: fail(path, "needs one of \"url\" (an HTTP POST), \"command\" (a program) or \"email\" (SMTP)")
                case 1: kind = hookKind(kinds[0], element, path: path)
                default: fail(path, "has \(kinds.joined(separator: " and ")); a hook delivers one way, so give only one")
                }
                if element["secretFile"] != nil, kinds != ["url"] {
                    fail(path + ".secretFile", "signs HTTP posts only; it belongs to a hook with \"url\"")
                }
                var types: Set<EventType>?
                if let raw = element["types"] {
                    types = names(raw, path: path + ".types", what: "event types", known: Set(EventType.allCases.map(\.rawValue))).map {
                        Set($0.compactMap(EventType.init(rawValue:)))
                    }
                }
                var filter: Set<String>?
                if let raw = element["statements"] {
                    filter = names(raw, path: path + ".statements", what: "statement ids", known: known).map(Set.init)
                }
                if let id, let kind {
                    hooks.append(HookConfig(id: id, kind: kind, types: types, statements: filter))
                }
            }
            return hooks
        }

        /// A hook's `url`, `command` or `email`.
        mutating func hookKind(_ name: String, _ object: JSONValue, path: String) -> HookConfig.Kind? {
            switch name {
            case "url":
                guard let raw = string(object, "url", path: path, required: true) else { return nil }
                let lower = raw.lowercased()
                guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
                      let components = URLComponents(string: raw), let host = components.host, !host.isEmpty else {
                    fail(path + ".url", "\"\(raw)\" is not an http:// or https:// URL")
                    return nil
                }
                let secret = string(object, "secretFile", path: path, required: false).map { file(of: $0, path: path + ".secretFile") } ?? nil
                return .url(raw, secretFile: secret)
            case "command":
                guard let list = object["command"]?.arrayValue, !list.isEmpty,
                      case let words = list.compactMap(\.stringValue), words.count == list.count, !words[0].isEmpty else {
                    fail(path + ".command", "must be a list of strings, the program first (no shell): [\"/usr/local/bin/qw-archive\", \"--json\"]")
                    return nil
                }
                let program = words[0].contains("/") ? ConfigLoader.absolutePath(words[0], relativeTo: configDirectory) : words[0]
                return .command([program] + words.dropFirst())
            default:
                let at = path + ".email"
                guard let email = object["email"], case .object = email else {
                    fail(at, "must be an object with \"server\", \"from\" and \"to\"")
                    return nil
                }
                checkKeys(email, allowed: ConfigLoader.emailKeys, path: at)
                var server = string(email, "server", path: at, required: true)
                if let raw = server {
                    let lower = raw.lowercased()
                    if !(lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://")) || URLComponents(string: raw)?.host?.isEmpty ?? true {
                        fail(at + ".server", "\"\(raw)\" is not an smtp:// (STARTTLS) or smtps:// URL")
                        server = nil
                    }
                }
                var from = string(email, "from", path: at, required: true)
                if let address = from, !ConfigLoader.isAddress(address) {
                    fail(at + ".from", "\"\(address)\" is not an email address")
                    from = nil
                }
                var to: [String] = []
                if let list = email["to"]?.arrayValue, !list.isEmpty, case let addresses = list.compactMap(\.stringValue), addresses.count == list.count {
                    for (index, address) in addresses.enumerated() where !ConfigLoader.isAddress(address) {
                        fail(at + ".to[\(index)]", "\"\(address)\" is not an email address")
                    }
                    to = addresses.filter(ConfigLoader.isAddress)
                    if to.count != addresses.count { to = [] }
                } else {
                    fail(at + ".to", "must be a list of one or more email addresses")
                }
                let username = string(email, "username", path: at, required: false)
                let password = string(email, "passwordFile", path: at, required: false).map { file(of: $0, path: at + ".passwordFile") } ?? nil
                if password != nil, username == nil {
                    fail(at + ".passwordFile", "needs \"username\" too")
                }
                guard let server, let from, !to.isEmpty else { return nil }
                return .email(EmailHook(server: server, from: from, to: to, username: username, passwordFile: password))
            }
        }

        /// `http`: `listen` (HOST:PORT) and optional `tokenFile`; an address other machines can reach
        /// needs the token (DESIGN §8).
        mutating func http(_ value: JSONValue?) -> HTTPConfig? {
            guard let value else { return nil }
            guard case .object = value else {
                fail("http", "must be an object such as {\"listen\": \"127.0.0.1:8777\"}")
                return nil
            }
            checkKeys(value, allowed: ConfigLoader.httpKeys, path: "http")
            let token = string(value, "tokenFile", path: "http", required: false).flatMap { file(of: $0, path: "http.tokenFile") }
            guard let listen = string(value, "listen", path: "http", required: true) else { return nil }
            switch HTTPConfig.parseListen(listen) {
            case .failure(let issue):
                fail("http.listen", issue.message)
                return nil
            case .success(let address):
                let config = HTTPConfig(host: address.host, port: address.port, tokenFile: token)
                if !config.isLoopback && token == nil {
                    fail("http.listen", "\(listen) can be reached from other machines; set http.tokenFile (a file holding the bearer token every request must carry), or listen on 127.0.0.1")
                    return nil
                }
                return config
            }
        }

        /// A file path of the configuration made absolute; nil (with an issue) when empty.
        mutating func file(of raw: String, path: String) -> String? {
            guard !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
                fail(path, "must be a non-empty file path")
                return nil
            }
            return ConfigLoader.absolutePath(raw, relativeTo: configDirectory)
        }

        /// A list of names each of which must be one of `known`; nil when it is not.
        mutating func names(_ value: JSONValue, path: String, what: String, known: Set<String>) -> [String]? {
            guard let list = value.arrayValue, case let names = list.compactMap(\.stringValue), names.count == list.count, !names.isEmpty else {
                fail(path, "must be a non-empty list of \(what)")
                return nil
            }
            var good = true
            for (index, name) in names.enumerated() where !known.contains(name) {
                let choices = known.count <= 10 ? "; known: " + known.sorted().joined(separator: ", ") : ""
                fail(path + "[\(index)]", "\"\(name)\" is not one of the \(what)\(choices)")
                good = false
            }
            return good ? names : nil
        }

        mutating func statements(_ value: JSONValue?) -> [Statement] {
            guard let value else { return [] }
            guard let list = value.arrayValue else {
                fail("statements", "must be a list of statement objects")
                return []
            }
            var statements: [Statement] = []
            var seen: [String: Int] = [:]
            for (index, element) in list.enumerated() {
                let path = "statements[\(index)]"
                guard case .object = element else {
                    fail(path, "must be an object with \"id\" and \"text\"")
                    continue
                }
                let object = element
                checkKeys(object, allowed: ConfigLoader.statementKeys, path: path)
                let id = string(object, "id", path: path, required: true)
                if let id {
                    if let first = seen[id] {
                        fail(path + ".id", "duplicate id \"\(id)\" (already used by statements[\(first)])")
                    } else {
                        seen[id] = index
                    }
                }
                let text = string(object, "text", path: path, required: true)
                let speaker = string(object, "speaker", path: path, required: false)
                var aliases: [String] = []
                if let value = object["aliases"] {
                    if let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count { aliases = list } else { fail(path + ".aliases", "must be a list of names") }
                }
                var threshold = Statement.defaultThreshold
                if let value = object["threshold"] {
                    if let number = value.doubleValue, number > 0, number <= 1 {
                        threshold = number
                    } else {
                        fail(path + ".threshold", "must be a number greater than 0 and at most 1")
                    }
                }
                if let id, let text {
                    statements.append(Statement(id: id, speaker: speaker, aliases: aliases, text: text, threshold: threshold))
                }
            }
            return statements
        }
    }
}

