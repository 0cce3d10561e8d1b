#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// The `--report` file while a batch runs: each finished item's line is
/// appended with one `write(2)`, so a batch killed at any moment leaves the
/// lines of what it finished, whole. (The complete report, in plan order,
/// later replaces it atomically.)
public final class BatchJournal: @unchecked Sendable {
    // why @unchecked: `fd` is written by `append`, which the runner calls
    // under its lock, and by `close` once the workers are done.
    private var fd: Int32

    /// Creates (or empties) the journal at `path`.
    public init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProfileError(Files.errnoMessage("cannot write the report"), file: path) }
    }

    /// Appends `line` (which ends in a newline); a failed write is left for
    /// the final report to surface.
    public func append(_ line: String) {
        guard fd >= 0 else { return }
        let bytes = Array(line.utf8)
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                done += n
            }
        }
    }

    /// Closes the journal.
    public func close() {
        if fd >= 0 { closeDescriptor(fd) }
        fd = -1
    }

    deinit { close() }
}
