#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ProfileCore
import ProfileFormats

/// Messages to standard error, and the one-line error contract:
/// `profconv: error: FILE: WHAT (byte N | line N)`, exit status 1.
enum Console {
    static func warn(_ message: String) {
        printError("profconv: warning: \(message)")
    }

    static func printError(_ line: String) {
        var s = line
        if !s.hasSuffix("\n") { s += "\n" }
        fputs(s, stderr)
    }

    /// Runs `body`; a ``ProfileError`` becomes one line on stderr and exit status 1.
    static func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ProfileError {
            printError("profconv: error: \(error.description)")
            throw ExitCode.failure
        } catch is Files.BrokenPipe {
            Interruption.dieOfBrokenPipe()
        }
    }
}

/// On SIGINT/SIGTERM/SIGHUP, remove half-written temp files before dying
/// (see ``Interruption`` for why this is safe with many threads).
enum Signals {
    static func installCleanupHandlers() {
        Interruption.installCleanupHandlers()
    }
}
