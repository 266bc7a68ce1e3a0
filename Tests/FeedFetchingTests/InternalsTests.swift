@testable import FeedFetching
import Foundation
import Testing

/// The pure helpers behind the fetcher: URL checks, message formatting, Retry-After.
@Suite struct InternalsTests {
    @Test func plainPathBecomesPercentEncodedFileURL() throws {
        let target = try FetchTarget("/srv/feeds/a b#?%ü.xml")
        #expect(target.isFile)
        #expect(target.curlURL == "file:///srv/feeds/a%20b%23%3F%25%C3%BC.xml")
        #expect(target.filePath == "/srv/feeds/a b#?%ü.xml")
    }

    @Test func fileURLKeepsItsEncodingAndDecodesThePath() throws {
        let target = try FetchTarget("file:///srv/a%20b.xml")
        #expect(target.curlURL == "file:///srv/a%20b.xml")
        #expect(target.filePath == "/srv/a b.xml")
    }

    @Test func httpAndHTTPSPassInAnyCase() throws {
        #expect(try FetchTarget("HTTPS://example.org/feed").isFile == false)
        #expect(try FetchTarget("http://example.org/feed").curlURL == "http://example.org/feed")
    }

    /// A Last-Modified within the second of the response's Date is weak: not kept as a validator.
    @Test func lastModifiedWithinTheSecondOfTheResponseIsNotKept() {
        let date = "Thu, 03 Dec 2026 16:00:10 GMT"
        #expect(Transfer.strongLastModified("Thu, 03 Dec 2026 16:00:09 GMT", date: date, now: Date()) == "Thu, 03 Dec 2026 16:00:09 GMT")
        #expect(Transfer.strongLastModified("Thu, 03 Dec 2026 16:00:10 GMT", date: date, now: Date()) == nil)
        #expect(Transfer.strongLastModified("Thu, 03 Dec 2026 16:00:11 GMT", date: date, now: Date()) == nil)
        #expect(Transfer.strongLastModified("Sun, 06 Nov 1994 08:49:37 GMT", date: nil, now: Date()) != nil)
        #expect(Transfer.strongLastModified(HTTPDateText.http(Date()), date: nil, now: Date()) == nil, "now, without a Date header")
        #expect(Transfer.strongLastModified("last tuesday-ish", date: date, now: Date()) == "last tuesday-ish", "unreadable: kept as sent")
        #expect(Transfer.strongLastModified(nil, date: date, now: Date()) == nil)
    }

    @Test func hostKeyIsTheAuthorityWithPort() throws {
        #expect(try FetchTarget("https://User:pw@Example.ORG/feed?x#y").hostKey == "example.org:443")
        #expect(try FetchTarget("http://example.org:8080").hostKey == "example.org:8080")
        #expect(try FetchTarget("http://[::1]/x").hostKey == "[::1]:80")
        #expect(try FetchTarget("/tmp/x.xml").hostKey == "")
    }

    @Test func otherSchemesAreRefused() {
        for url in ["ftp://x/y", "gopher://x", "javascript:alert(1)", "dict://x"] {
            #expect(throws: FetchError.self) { try FetchTarget(url) }
            do {
                _ = try FetchTarget(url)
            } catch {
                #expect(error.kind == .protocolNotAllowed, "\(url)")
            }
        }
    }

    @Test func malformedURLsAreInvalid() {
        for url in ["", "feeds/x.xml", "http:/x", "http://x/\r\nHost: y", "://x"] {
            do {
                _ = try FetchTarget(url)
                Issue.record("\(url) passed")
            } catch {
                #expect(error.kind == .invalidURL, "\(url)")
            }
        }
    }

    @Test func bytesReadAsUnits() {
        #expect(Format.bytes(10_000_000) == "10 MB")
        #expect(Format.bytes(512_000) == "512 kB")
        #expect(Format.bytes(1234) == "1234 bytes")
        #expect(Format.bytes(1) == "1 byte")
    }

    @Test func secondsReadWithoutNeedlessFraction() {
        #expect(Format.seconds(30) == "30 s")
        #expect(Format.seconds(1.5) == "1.5 s")
    }

    @Test func retryAfterReadsSecondsAndDates() {
        #expect(Transfer.parseRetryAfter("120") == 120)
        #expect(Transfer.parseRetryAfter(" 0 ") == 0)
        #expect(Transfer.parseRetryAfter("-5") == 0)
        #expect(Transfer.parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT") == 0)  // in the past
        #expect(Transfer.parseRetryAfter("soon") == nil)
    }

    @Test func temporaryErrors() {
        func error(_ kind: FetchError.Kind) -> FetchError { FetchError(kind: kind, url: "u", message: "u: x") }
        #expect(error(.http(status: 503)).isTemporary)
        #expect(error(.http(status: 429)).isTemporary)
        #expect(error(.timeout).isTemporary)
        #expect(!error(.http(status: 404)).isTemporary)
        #expect(!error(.tooLarge(limit: 1)).isTemporary)
    }
}

/// HTTP dates for the tests.
enum HTTPDateText {
    static func http(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
