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

    static func printError(_ line: String) {
        var s = line
        if !s.hasSuffix("\n") { s += "\n" }
        writeStandardError(s)
    }

    /// Writes `text` to file descriptor 2 whole, as unbuffered `fputs(_, stderr)`
    /// would: C's `stderr` is a global variable, which Swift 6 will not read
    /// from code that may run on any thread.
    static func writeStandardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = write(2, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                done += n
            }
        }
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
