import Foundation
import QuoteCore
import Testing

/// `http` (DESIGN §4, §8): the address to bind, and the token any address but loopback needs.
@Suite struct HTTPConfigTests {
    @Test(arguments: [
        ("127.0.0.1:8777", "127.0.0.1", 8777, true), ("127.1.2.3:80", "127.1.2.3", 80, true), ("localhost:0", "localhost", 0, true),
        ("[::1]:8777", "::1", 8777, true), ("0.0.0.0:8777", "0.0.0.0", 8777, false), ("192.168.1.10:9000", "192.168.1.10", 9000, false),
        ("[::]:8777", "::", 8777, false), ("[2001:db8::1]:443", "2001:db8::1", 443, false),
    ] as [(String, String, Int, Bool)])
    func addressesThatParse(_ text: String, _ host: String, _ port: Int, _ loopback: Bool) throws {
        let parsed = try HTTPConfig.parseListen(text).get()
        #expect(parsed.host == host && parsed.port == port)
        #expect(HTTPConfig(host: parsed.host, port: parsed.port).isLoopback == loopback)
        #expect(HTTPConfig(host: parsed.host, port: parsed.port).listen == text)
    }

    @Test(arguments: [
        ("8777", "not HOST:PORT"), ("127.0.0.1", "not HOST:PORT"), ("example.org:80", "not an IP address"), ("127.0.0.1:http", "not a port"),
        ("127.0.0.1:65536", "not a port"), ("::1:8777", "not HOST:PORT"), ("[::1]8777", "in brackets"), ("256.0.0.1:80", "not an IP address"),
        ("[zz]:80", "not an IPv6 address"), ("127.0.0.1:", "not a port"),
    ])
    func addressesThatDoNot(_ text: String, _ reason: String) {
        guard case .failure(let issue) = HTTPConfig.parseListen(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(issue.message.contains(reason), "\(issue.message)")
    }

    func issues(_ http: String) -> [String] {
        do {
            _ = try ConfigLoader.load(Data(#"{"feeds": [], "http": \#(http)}"#.utf8), source: "feeds.json", configDirectory: "/etc/qw")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func theConfigurationNamesEachProblem() throws {
        let config = try ConfigLoader.load(
            Data(#"{"feeds": [], "http": {"listen": "0.0.0.0:8777", "tokenFile": "http.token"}}"#.utf8), source: "f", configDirectory: "/etc/qw")
        #expect(config.http == HTTPConfig(host: "0.0.0.0", port: 8777, tokenFile: "/etc/qw/http.token"))
        #expect(try ConfigLoader.load(Data(#"{"feeds": []}"#.utf8), source: "f", configDirectory: "/").http == nil)
        #expect(issues(#"{"listen": "0.0.0.0:8777"}"#).first?.hasPrefix("http.listen: 0.0.0.0:8777 can be reached from other machines; set http.tokenFile") == true)
        #expect(issues(#"{"listen": "[::]:8777"}"#).first?.contains("http.tokenFile") == true)
        #expect(issues(#"{"listen": "127.0.0.1:8777"}"#).isEmpty)
        #expect(issues(#"{}"#) == ["http.listen: missing; a non-empty string is required"])
        #expect(issues(#"{"listen": 8777}"#) == ["http.listen: must be a string"])
        #expect(issues(#"{"listen": "127.0.0.1:8777", "port": 1}"#).first?.hasPrefix("http.port: unknown key") == true)
        #expect(issues(#"{"listen": "127.0.0.1:8777", "tokenFile": ""}"#) == ["http.tokenFile: must be a non-empty file path"])
        #expect(issues(#""127.0.0.1:8777""#).first?.hasPrefix("http: must be an object") == true)
        #expect(issues(#"{"listen": "web.example.org:80"}"#).first?.hasPrefix("http.listen: \"web.example.org\" is not an IP address") == true)
    }
}
