import QuoteDaemon
import Testing

/// Request lines of the control socket, good and bad: each bad one gets one sentence.
@Suite struct ControlRequestTests {
    @Test(arguments: [
        (#"{"command": "status"}"#, ControlRequest.status),
        (#"{"command": "refresh"}"#, .refresh(feeds: nil, wait: false)),
        (#"{"command": "refresh", "feeds": ["a", "b"], "wait": true}"#, .refresh(feeds: ["a", "b"], wait: true)),
        (#" {"wait": false, "command": "refresh", "feeds": []} "#, .refresh(feeds: [], wait: false)),
    ])
    func reads(line: String, expected: ControlRequest) throws {
        #expect(try ControlRequest(line: Array(line.utf8)) == expected)
    }

    @Test(arguments: [
        ("garbage", "the request is not valid JSON; send one JSON object per line"),
        ("", "the request is not valid JSON; send one JSON object per line"),
        (String(repeating: "[", count: 60_000), "the request is not valid JSON; send one JSON object per line"),
        (#"["refresh"]"#, "a request is one JSON object on one line"),
        (#"{"feeds": ["a"]}"#, "the request has no \"command\""),
        (#"{"command": 7}"#, "\"command\" must be a string"),
        (#"{"command": "refresh", "feeds": "a"}"#, "\"feeds\" must be a list of feed ids"),
        (#"{"command": "refresh", "wait": 1}"#, "\"wait\" must be true or false"),
        (#"{"command": "reboot"}"#, "unknown command \"reboot\"; use refresh or status"),
    ])
    func refuses(line: String, message: String) {
        #expect(throws: DaemonError.self) { try ControlRequest(line: Array(line.utf8)) }
        do {
            _ = try ControlRequest(line: Array(line.utf8))
        } catch {
            #expect(error.message == message)
        }
    }
}
