#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ProfileCore
import ProfileFormats

/// Messages to standard error, and the one-line error contract:
/// `profconv: error: FILE: WHAT (byte N | line N)`, exit status 1.
///
/// Everything goes to ``StandardStreams/current``, never to a fixed file
/// descriptor or stdio's buffers, so a command run in process (the tests)
/// shows its output where its caller bound the streams.
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

    /// Writes `message` as one line to standard error: its control
    /// characters escaped (`Escape.oneLine`), since messages quote file
    /// names, input lines and what servers answer, any of which can hold a
    /// newline or a terminal escape sequence.
    static func printError(_ message: String) {
        write(Escape.oneLine(message) + "\n", to: StandardStreams.current.error)
    }

    /// Writes each line of `text`, a report of several lines whose parts are
    /// already escaped (the batch summary), as ``printError(_:)`` does.
    static func printErrorLines(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
            printError(String(line))
        }
    }

    /// Writes `line` and a newline to standard output.
    static func print(_ line: String) {
        write(line + "\n", to: StandardStreams.current.output)
    }

    /// Writes all of `text` to `fd`. A message that cannot be written has
    /// nowhere else to go, so errors are dropped, as `fputs` drops them.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var off = 0
            while off < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + off, bytes.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                off += n
            }
        }
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
