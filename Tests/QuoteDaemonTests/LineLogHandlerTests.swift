import Foundation
import Logging
import QuoteDaemon
import Testing

@Suite struct LineLogHandlerTests {
    func logger(format: LogFormat, journal: Bool, sink: LogSink) -> Logger {
        Logger(label: "t") { label in LineLogHandler(label: label, level: .info, format: format, journal: journal, sink: sink) }
    }

    @Test func journalLinesHavePriorityPrefixAndNoTimestamp() {
        let sink = LogSink()
        let log = logger(format: .text, journal: true, sink: sink)
        log.notice("quote.new", metadata: ["url": "https://x/a", "statement": "s1", "speaker": "Pete Hegseth", "feed": "f", "quote": "a \"b\"\nc"])
        log.warning("feed.failed", metadata: ["feed": "f"])
        log.debug("hidden")
        let lines = sink.contents.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2)
        #expect(lines.first == #"<5>quote.new statement=s1 speaker="Pete Hegseth" feed=f quote="a \"b\"\nc" url=https://x/a"#)
        #expect(lines.last == "<4>feed.failed feed=f")
    }

    @Test func terminalLinesHaveATimestamp() {
        let sink = LogSink()
        logger(format: .text, journal: false, sink: sink).error("boom")
        let line = sink.contents
        #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ERROR +boom\n$"#, options: .regularExpression) != nil, "\(line)")
    }

    @Test func jsonLinesAreObjects() throws {
        let sink = LogSink()
        logger(format: .json, journal: false, sink: sink).notice("quote.new", metadata: ["statement": "s1"])
        let object = try JSONSerialization.jsonObject(with: Data(sink.contents.utf8)) as? [String: Any]
        #expect(object?["message"] as? String == "quote.new")
        #expect(object?["statement"] as? String == "s1")
        #expect(object?["level"] as? String == "notice")
    }

    @Test func jsonLinesKeepNumbersListsAndBooleansAsSuch() throws {
        let sink = LogSink()
        logger(format: .json, journal: false, sink: sink).notice("claim.changed", metadata: [
            "id": .stringConvertible(Int64(7)), "score": .stringConvertible(0.66), "reversed": .stringConvertible(true),
            "oldValues": .array([.string("5%")]), "newValues": .array([.string("3.5%"), .string("2%")]),
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sink.contents.utf8)) as? [String: Any])
        #expect((object["id"] as? NSNumber)?.int64Value == 7 && !(object["id"] is String))
        #expect((object["score"] as? NSNumber)?.doubleValue == 0.66)
        #expect(object["reversed"] as? Bool == true)
        #expect(object["newValues"] as? [String] == ["3.5%", "2%"])
        let text = LogSink()
        logger(format: .text, journal: false, sink: text).notice("claim.changed", metadata: ["newValues": .array([.string("3.5%"), .string("2%")])])
        #expect(text.contents.contains(#"newValues="3.5%, 2%""#), "\(text.contents)")
    }

    @Test(arguments: [(Logger.Level.debug, "<7>"), (.info, "<6>"), (.notice, "<5>"), (.warning, "<4>"), (.error, "<3>"), (.critical, "<2>")])
    func priorities(level: Logger.Level, prefix: String) {
        #expect(LineLogHandler.priority(level) == prefix)
    }

    @Test func journalStreamMustNameStderr() {
        #expect(!LineLogHandler.stderrIsJournal(environment: [:]))
        #expect(!LineLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "1:2"]))
        var info = stat()
        fstat(STDERR_FILENO, &info)
        #expect(LineLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"]))
    }
}
