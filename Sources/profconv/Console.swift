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
        }
    }
}

/// On SIGINT/SIGTERM, remove half-written temp files before dying.
enum Signals {
    static func installCleanupHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
            signal(sig) { s in
                Files.Output.removeAbandonedTempFiles()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
