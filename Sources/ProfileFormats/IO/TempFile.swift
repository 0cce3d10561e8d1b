#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// A new, uniquely named file for an output to be written into and then
/// renamed over its target.
///
/// It is opened with `O_CREAT | O_EXCL` and mode 0666, so the kernel applies
/// the umask as it does for any new file. `mkstemp` would make it 0600, and
/// fixing the mode afterwards needs the umask, which can only be read by
/// setting it (`umask(0); umask(mask)`): between the two calls every other
/// thread creating a file gets the wrong mask, so a batch committing on
/// many threads left some outputs with the wrong mode.
enum TempFile {
    /// How many names are tried before giving up: each is random, so a
    /// clash means another process is making many files of the same name.
    static let attempts = 100

    /// Creates `prefix` + six random letters or digits; the open descriptor
    /// and the path. Errors name `target`, the output the file is for.
    static func create(prefix: String, for target: String) throws -> (fd: Int32, path: String) {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<attempts {
            let suffix = (0..<6).map { _ in alphabet[Int(random.next(upperBound: UInt(alphabet.count)))] }
            let path = prefix + String(decoding: suffix, as: UTF8.self)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, path) }
            if errno == EEXIST || errno == EINTR { continue }
            break
        }
        throw ProfileError(Files.errnoMessage("cannot create a file beside the output"), file: target)
    }
}
