import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a `command` hook's program once (DESIGN §9): no shell, the event's JSON on its standard
/// input, its variables added to the daemon's environment; exit 0 is delivered.
///
/// The program is spawned (`posix_spawn`) in a process group of its own, with SIGPIPE back at its
/// default and an empty signal mask, and watched from a thread of its own that drains its output
/// and waits for it. Its end is the program's own exit, even when it leaves a child running with
/// the output open (Foundation's `Process` waited for that child). Still running after the timeout,
/// or when the delivery is cancelled (shutdown), its group gets SIGTERM, then SIGKILL two seconds
/// later. The last of what it wrote goes into the error message.
enum HookCommand {
    static func run(_ words: [String], input: [UInt8], environment: [String: String], timeout: Double) async -> HookSender.Result {
        guard let program = ConfigFile.executable(words[0]) else {
            return .failed(words[0].contains("/") ? "\(words[0]) is not an executable file" : "no executable \"\(words[0])\" on PATH", retryAfter: nil)
        }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        let cancelled = Flag()
        let ending: Ending = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Ending, Never>) in
                let thread = Thread {
                    continuation.resume(returning: watch(program, [program] + words.dropFirst(), variables, input, timeout, cancelled))
                }
                thread.name = "quotewatch-hook-command"
                thread.start()
            }
        } onCancel: {
            cancelled.set()
        }
        let said = String(decoding: ending.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let detail = said.isEmpty ? "" : ": " + said.split(whereSeparator: \.isNewline).suffix(3).joined(separator: " / ")
        switch ending.kind {
        case .notStarted(let code): return .failed("\(program) could not be started (\(String(cString: strerror(code))))", retryAfter: nil)
        case .cancelled: return .cancelled
        case .timedOut: return .failed("\(program) was killed after \(Int(timeout)) s" + detail, retryAfter: nil)
        case .exited(0): return .delivered("exit 0")
        case .exited(let status): return .failed("\(program) exited with status \(status)" + detail, retryAfter: nil)
        case .signalled(let signal): return .failed("\(program) was killed by signal \(signal)" + detail, retryAfter: nil)
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time:
    /// Swift's Glibc module leaves out the GNU extensions.
    static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Set once, from another thread (the cancelling task).
    final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }

    struct Ending: Sendable {
        enum Kind: Sendable {
            case notStarted(Int32)
            case exited(Int32)
            case signalled(Int32)
            case timedOut
            case cancelled
        }

        var kind: Kind
        var output: [UInt8] = []
    }

    /// Spawns the program and watches it to its end (on the calling thread, which it blocks).
    private static func watch(
        _ path: String, _ arguments: [String], _ environment: [String], _ input: [UInt8], _ timeout: Double, _ cancelled: Flag
    ) -> Ending {
        var toChild: [Int32] = [-1, -1]
        var fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { return Ending(kind: .notStarted(errno)) }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0])
            close(toChild[1])
            return Ending(kind: .notStarted(errno))
        }
        // Not inherited by the program (only their copies as 0, 1 and 2), nor by anything else a
        // thread of the daemon spawns meanwhile.
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 2)
        // Nothing else of the daemon's reaches the program: not the database, not the sockets, not
        // a file some other thread has open for writing (glibc 2.34's closefrom action).
        if let closeFrom = HookCommand.closeFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGHUP)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        // ETXTBSY: the program file is open for writing somewhere, often only in a child another
        // thread forked at that moment (which closes it at its own exec). Tried again briefly.
        var tries = 0
        while spawned == ETXTBSY, tries < 20 {
            usleep(50_000)
            tries += 1
            spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        }
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else {
            close(toChild[1])
            close(fromChild[0])
            return Ending(kind: .notStarted(spawned))
        }
        _ = fcntl(toChild[1], F_SETFL, fcntl(toChild[1], F_GETFL) | O_NONBLOCK)
        _ = fcntl(fromChild[0], F_SETFL, fcntl(fromChild[0], F_GETFL) | O_NONBLOCK)

        var output: [UInt8] = []
        var written = 0
        var writer: Int32 = toChild[1]
        if input.isEmpty {
            close(writer)
            writer = -1
        }
        let deadline = Date().addingTimeInterval(timeout)
        var stopping: Ending.Kind?
        var killAt: Date?
        var buffer = [UInt8](repeating: 0, count: 4096)
        defer {
            if writer >= 0 { close(writer) }
            close(fromChild[0])
        }
        while true {
            // Drain what it wrote, feed what it reads, at most 50 ms apart.
            var polls = [pollfd(fd: fromChild[0], events: Int16(POLLIN), revents: 0), pollfd(fd: writer, events: Int16(POLLOUT), revents: 0)]
            _ = poll(&polls, writer >= 0 ? 2 : 1, 50)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fromChild[0], $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                output += buffer[..<count]
                if output.count > HookSender.outputTail { output.removeFirst(output.count - HookSender.outputTail) }
            }
            if writer >= 0 {
                let count = input.withUnsafeBytes { write(writer, $0.baseAddress! + written, input.count - written) }
                if count > 0 { written += count }
                // All written, or the program closed its input (EPIPE: SIGPIPE is ignored here).
                if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                    close(writer)
                    writer = -1
                }
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let kind: Ending.Kind = stopping ?? (status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f))
                return Ending(kind: kind, output: output)
            }
            if stopping == nil {
                if cancelled.isSet {
                    stopping = .cancelled
                } else if Date() >= deadline {
                    stopping = .timedOut
                }
                if stopping != nil {
                    kill(-pid, SIGTERM)
                    killAt = Date().addingTimeInterval(2)
                }
            } else if let due = killAt, Date() >= due {
                kill(-pid, SIGKILL)
                killAt = nil
            }
        }
    }
}
