import Foundation
import QuoteCore

/// Lines to a file descriptor (stdout), through one buffer: JSON is written into it as bytes, with
/// no String made of it and no write per line. Flushed when it fills, on ``flush()`` and when it
/// goes away. For one command's output, on one thread.
public final class LineOutput {
    /// How much is gathered before a write.
    static let capacity = 1 << 16

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    public init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(LineOutput.capacity)
    }

    deinit { flush() }

    public func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= LineOutput.capacity { flush() }
    }

    public func line(_ value: JSONValue) {
        value.write(to: &buffer)
        buffer.append(0x0A)
        if buffer.count >= LineOutput.capacity { flush() }
    }

    /// A line written by `body` straight into the buffer.
    public func line(writing body: (inout JSONWriter) -> Void) {
        var json = JSONWriter(appendingTo: buffer)
        buffer = []
        body(&json)
        buffer = json.bytes
        buffer.append(0x0A)
        if buffer.count >= LineOutput.capacity { flush() }
    }

    /// Writes out what is gathered; a reader that went away (EPIPE) ends the output quietly.
    public func flush() {
        var sent = 0
        while sent < buffer.count {
            let count = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + sent, buffer.count - sent) }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            sent += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
