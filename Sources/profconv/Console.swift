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

    static func note(_ message: String) {
        printError("profconv: note: \(message)")
    }

    /// Shows what the pipeline's stages had to say, in one style.
    static func show(_ messages: [Pipeline.Message]) {
        for m in messages {
            switch m {
            case .warning(let w): warn(w)
            case .note(let n): note(n)
            }
        }
    }

    /// Shows warnings as `source: message`.
    static func show(_ warnings: [Warning]) {
        for w in warnings { warn(w.description) }
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
            printError("profconv: error: \(FlagHints.describe(error))")
            throw ExitCode.failure
        } catch is Files.BrokenPipe {
            Interruption.dieOfBrokenPipe()
        }
    }
}
