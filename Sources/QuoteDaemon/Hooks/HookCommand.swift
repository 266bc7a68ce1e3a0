import Foundation
import Synchronization

/// Runs a `command` hook's program once (DESIGN §9): no shell, the event's JSON on its standard
/// input, its variables added to the daemon's environment; exit 0 is delivered. A program still
/// running after the timeout, or when the delivery is cancelled (shutdown), gets SIGTERM, then
/// SIGKILL two seconds later. Its standard output and error are drained as they come (a program
/// that writes a lot never blocks on a full pipe) and the last of them goes into the error message.
enum HookCommand {
    static func run(_ words: [String], input: [UInt8], environment: [String: String], timeout: Double) async -> HookSender.Result {
        guard let program = ConfigFile.executable(words[0]) else {
            return .failed(words[0].contains("/") ? "\(words[0]) is not an executable file" : "no executable \"\(words[0])\" on PATH", retryAfter: nil)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(words.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        let tail = Mutex<[UInt8]>([])
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            tail.withLock { bytes in
                bytes += chunk
                if bytes.count > HookSender.outputTail { bytes.removeFirst(bytes.count - HookSender.outputTail) }
            }
        }
        let timedOut = Mutex(false)
        let status: Int32? = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32?, Never>) in
                process.terminationHandler = { ended in
                    continuation.resume(returning: ended.terminationReason == .exit ? ended.terminationStatus : -ended.terminationStatus)
                }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(returning: nil)
                    return
                }
                // The input on a thread of its own: a program that does not read it must not block us
                // (its pipe holds 64 KB); one that exits first makes the write fail (EPIPE), not kill us.
                Thread.detachNewThread {
                    try? stdin.fileHandleForWriting.write(contentsOf: input)
                    try? stdin.fileHandleForWriting.close()
                }
                let pid = process.processIdentifier
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: timeout)
                    guard process.isRunning, process.processIdentifier == pid else { return }
                    timedOut.withLock { $0 = true }
                    HookCommand.stop(process)
                }
            }
        } onCancel: {
            HookCommand.stop(process)
        }
        output.fileHandleForReading.readabilityHandler = nil
        let said = tail.withLock { String(decoding: $0, as: UTF8.self) }.trimmingCharacters(in: .whitespacesAndNewlines)
        let detail = said.isEmpty ? "" : ": " + said.split(whereSeparator: \.isNewline).suffix(3).joined(separator: " / ")
        guard let status else { return .failed("\(program) could not be started", retryAfter: nil) }
        if Task.isCancelled { return .cancelled }
        if timedOut.withLock({ $0 }) { return .failed("\(program) was killed after \(Int(timeout)) s" + detail, retryAfter: nil) }
        if status == 0 { return .delivered("exit 0") }
        if status < 0 { return .failed("\(program) was killed by signal \(-status)" + detail, retryAfter: nil) }
        return .failed("\(program) exited with status \(status)" + detail, retryAfter: nil)
    }

    /// SIGTERM now, SIGKILL two seconds later if it still runs.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 2)
            if process.isRunning, process.processIdentifier == pid { kill(pid, SIGKILL) }
        }
    }
}
