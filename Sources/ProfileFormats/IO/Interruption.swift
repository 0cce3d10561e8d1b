#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileSupport

/// Leaving no half-written output behind when the process is interrupted.
///
/// A signal handler may only call async-signal-safe functions: it cannot take
/// a lock or walk a `Set` that worker threads are changing. So the handler
/// only writes the signal's number into a pipe; a dedicated thread reads it,
/// removes the temp files under the normal lock (which also stops new ones
/// from being created), and then lets the signal kill the process with its
/// default action, so the shell sees the usual exit status (130 for Ctrl-C).
///
/// Two signals are handled differently:
/// - SIGQUIT (Ctrl-\\) ends the process like SIGTERM, with status 131 and no
///   core file: the Swift runtime would otherwise print a crash backtrace
///   for it and let the conversion carry on.
/// - SIGBUS is what reading a memory-mapped input raises when the file was
///   truncated after it was mapped. The faulting thread cannot go on, so it
///   hands over to the watcher thread and waits; the watcher removes the
///   temp files and exits with status 1 and one error line.
public enum Interruption {
    /// The signals that end profconv after its temp files are removed.
    static let cleanupSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    // why nonisolated(unsafe): set once, before the watcher thread starts and
    // the handlers are installed, and only read after; a signal handler can
    // take no lock, so it must read a plain variable.
    nonisolated(unsafe) private static var pipeWrite: Int32 = -1
    nonisolated(unsafe) private static var pipeRead: Int32 = -1

    /// Installs handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGBUS, and ignores SIGPIPE
    /// (a write to a closed pipe then fails with ``Files/BrokenPipe``; see
    /// ``dieOfBrokenPipe()``). Call once, early, from the main thread.
    public static func installCleanupHandlers() {
        // A parent may hand these signals down blocked (a test runner's
        // thread, say); profconv wants them, so unblock them for this thread
        // and every thread it starts from now on.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for sig in cleanupSignals + [SIGBUS] { sigaddset(&wanted, sig) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        pipeRead = fds[0]
        pipeWrite = fds[1]
        // Not a ProfileSupport worker: this thread waits on the pipe for the
        // life of the process and computes nothing, so no ThreadBudget counts it.
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { _ in
            var byte: UInt8 = 0
            while true {
                let n = read(Interruption.pipeRead, &byte, 1)
                if n == 1 { break }
                if n < 0 && errno == EINTR { continue }
                return nil  // the pipe is gone; nothing to wait for
            }
            Interruption.die(of: Int32(byte))
        }, nil)
        guard started == 0 else { return }
        pthread_detach(thread)
        for sig in cleanupSignals {
            signal(sig) { s in
                var byte = UInt8(truncatingIfNeeded: s)
                _ = write(Interruption.pipeWrite, &byte, 1)
            }
        }
        signal(SIGBUS) { s in
            var byte = UInt8(truncatingIfNeeded: s)
            // The faulting access would fault again on return: wait here
            // for the watcher thread to end the process.
            if write(Interruption.pipeWrite, &byte, 1) == 1 {
                while true { pause() }
            }
            _exit(1)
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// Removes temp files and ends the process as SIGPIPE's default action
    /// would: silently, with the status a shell expects from `… | head`.
    public static func dieOfBrokenPipe() -> Never {
        die(of: SIGPIPE)
    }

    /// What a command says before SIGINT, SIGTERM or SIGHUP ends it (run
    /// once, on the thread that handles the signal): `leaks --every` ranks
    /// the snapshots it has, so an interrupted watch is not lost.
    private static let lastWords = Locked<(@Sendable (Int32) -> Void)?>(nil)

    /// Sets (or, with nil, clears) what to say before an interruption ends the process.
    public static func setLastWords(_ body: (@Sendable (Int32) -> Void)?) {
        lastWords.withLock { $0 = body }
    }

    private static func die(of sig: Int32) -> Never {
        if sig == SIGINT || sig == SIGTERM || sig == SIGHUP,
           let words = lastWords.withLock({ w -> (@Sendable (Int32) -> Void)? in defer { w = nil }; return w }) {
            words(sig)
        }
        Files.Output.removeAbandonedTempFiles()
        switch sig {
        case SIGBUS:
            let message = "profconv: error: an input file changed while it was read (truncated, or its storage failed); outputs not yet complete were removed\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            _exit(1)
        case SIGQUIT:
            _exit(128 + sig)
        default:
            break
        }
        signal(sig, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, sig)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(sig)
        _exit(128 + sig)  // only if the default action did not end the process
    }
}
