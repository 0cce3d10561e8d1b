#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Files moved into a directory, as they arrive: outputs appear by a
/// rename, so a test can wait for them instead of polling the directory.
final class FileArrivals {
    private let fd: Int32

    /// Watches `directory` (which must exist) from now on.
    init(in directory: String) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0, inotify_add_watch(fd, directory, UInt32(IN_MOVED_TO)) >= 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Waits until `count` files have arrived, `other` is readable or closed
    /// (a child's stderr: it has ended, or is about to), or `seconds` have
    /// passed. Whether the files arrived.
    @discardableResult
    func wait(for count: Int, orEndOf other: Int32, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var arrived = 0
        var events = [UInt8](repeating: 0, count: 64 << 10)
        while arrived < count {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: other, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, Int32(left * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0, fds[1].revents == 0 else { return false }
            let n = read(fd, &events, events.count)
            guard n > 0 else { return false }
            // inotify_event: wd, mask, cookie, len (4 bytes each), then `len` bytes of name.
            var offset = 0
            while offset + 16 <= n {
                let nameLength = events.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)) }
                arrived += 1
                offset += 16 + nameLength
            }
        }
        return true
    }

    deinit { close(fd) }
}
