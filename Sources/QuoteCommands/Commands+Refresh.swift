import Foundation
import QuoteDaemon
import QuoteCore

#if canImport(Glibc)
    import Glibc
#endif

extension Commands {
    /// `quotewatch refresh`: asks the daemon listening at `socketPath` to refresh `feeds` (empty:
    /// all) now. Without `wait`, says which feeds were asked for; with it, shows each feed's progress
    /// and result as the daemon reports them, in `style`, until the daemon says it is done.
    /// - Parameter write: writes text as it is (line breaks and ANSI sequences included).
    /// - Throws: ``DaemonError``, exit 1, when no daemon is running or it reports an unknown feed.
    public static func refresh(
        socketPath: String, feeds: [String], wait: Bool, style: RefreshDisplay.Style, write: (String) -> Void
    ) throws(DaemonError) {
        let client = try ControlClient(path: socketPath)
        var request: [(String, JSONValue)] = [("command", .string("refresh"))]
        if !feeds.isEmpty { request.append(("feeds", .array(feeds.map { .string($0) }))) }
        request.append(("wait", .bool(wait)))
        try client.send(.object(request))
        guard let first = try client.next(timeout: 30) else {
            throw DaemonError("the daemon at \(socketPath) closed the connection without answering", exitCode: 2)
        }
        guard first.ok == true, let accepted = first.accepted else {
            throw DaemonError(first.error ?? "the daemon at \(socketPath) refused the request without saying why")
        }
        guard wait else {
            let names = accepted.isEmpty ? "" : ": " + accepted.joined(separator: ", ")
            write("asked the daemon to refresh \(accepted.count) \(accepted.count == 1 ? "feed" : "feeds")\(names)\n")
            return
        }
        var display = RefreshDisplay(feeds: accepted, style: style)
        write(display.begin())
        while let answer = try client.next(timeout: nil) {
            if answer.ok == false {
                throw DaemonError(answer.error ?? "the daemon ended the refresh without saying why")
            }
            if answer.done == true {
                write(display.finish(answer))
                return
            }
            write(display.update(answer))
        }
        throw DaemonError("the daemon closed the connection before the refresh finished; it may have stopped")
    }

    /// How `refresh --wait` shows progress on stdout: redrawn in place on a terminal (not a dumb
    /// one), plain lines otherwise.
    public static func refreshStyle(environment: [String: String] = ProcessInfo.processInfo.environment) -> RefreshDisplay.Style {
        guard isatty(STDOUT_FILENO) == 1, environment["TERM"] != "dumb" else { return .lines }
        var size = winsize()
        let known = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 && size.ws_row > 0
        return .live(columns: known ? Int(size.ws_col) : 80, rows: known ? Int(size.ws_row) : 24)
    }

    /// Writes text to stdout as it is, without adding a line break.
    public static let standardOutputText: @Sendable (String) -> Void = { text in
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
