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

    /// A line already written as bytes (without its line end); a long one goes out as it is,
    /// without a copy into the buffer.
    public func line(bytes: [UInt8]) {
        if buffer.count + bytes.count >= LineOutput.capacity {
            flush()
            bytes.withUnsafeBytes(send)
        } else {
            buffer.append(contentsOf: bytes)
        }
        buffer.append(0x0A)
    }

    /// Writes out what is gathered; a reader that went away (EPIPE) ends the output quietly.
    public func flush() {
        buffer.withUnsafeBytes(send)
        buffer.removeAll(keepingCapacity: true)
    }

    private func send(_ bytes: UnsafeRawBufferPointer) {
        var sent = 0
        while sent < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + sent, bytes.count - sent)
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            sent += count
        }
    }
}
