#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore
import ProfileSupport

/// A new file for an output to be written into and then moved over its
/// target, so a reader of the target sees the old file or the whole new one.
///
/// Where the kernel allows it (Linux, on ext4, xfs, btrfs, tmpfs…), the file
/// has no name until it is finished: it is opened with `O_TMPFILE` in the
/// target's directory, so a process killed with SIGKILL leaves nothing
/// behind. On commit it is linked under a short temp name and renamed over
/// the target. Elsewhere it is created under that temp name at once.
///
/// Temp names are `.profconv-PID-XXXXXX`, whatever the target is called,
/// so a 255-byte output name still has room. The PID lets a later run remove
/// a named temp file whose process is gone (``removeStale(inDirectory:)``).
///
/// Files are created with mode 0666, so the kernel applies the umask as it
/// does for any new file. `mkstemp` would make it 0600, and fixing the mode
/// afterwards needs the umask, which can only be read by setting it: between
/// the two calls every other thread creating a file gets the wrong mask.
enum TempFile {
    /// How many names are tried before giving up: each is random, so a
    /// clash means another process is making many files of the same name.
    static let attempts = 100

    /// The start of every temp name.
    static let prefix = ".profconv-"

    /// A file being written: its descriptor, and its name unless it has none.
    struct Made {
        var fd: Int32
        var path: String?
    }

    /// A new file in `dir` (with its trailing `/`). Errors name `target`,
    /// the output the file is for.
    static func create(inDirectory dir: String, for target: String) throws -> Made {
        removeStale(inDirectory: dir)
        if let flag = anonymousFlag {
            let fd = open(dir.isEmpty ? "." : dir, flag | O_WRONLY | O_CLOEXEC, 0o666)
            if fd >= 0 { return Made(fd: fd, path: nil) }
            // EOPNOTSUPP, EISDIR or EINVAL: this file system has no O_TMPFILE.
            if errno == EACCES || errno == EROFS || errno == ENOENT || errno == ENOTDIR || errno == ENOSPC {
                throw ProfileError(whyNot(inDirectory: dir, errno: errno), file: target)
            }
        }
        for _ in 0..<attempts {
            let path = dir + name()
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return Made(fd: fd, path: path) }
            if errno == EEXIST || errno == EINTR { continue }
            break
        }
        throw ProfileError(whyNot(inDirectory: dir, errno: errno), file: target)
    }

    /// Why no file could be made in `dir` (with its trailing `/`), in the
    /// directory's terms: `ENOENT` alone says neither that the directory is
    /// missing nor that it is /proc.
    static func whyNot(inDirectory dir: String, errno code: Int32) -> String {
        let shown = dir.isEmpty ? "." : (dir.count > 1 && dir.hasSuffix("/") ? String(dir.dropLast()) : dir)
        var st = stat()
        let found = stat(dir.isEmpty ? "." : dir, &st) == 0
        switch code {
        case ENOENT where !found: return "the directory \(shown) does not exist"
        case ENOENT, EOPNOTSUPP, EINVAL: return "\(shown) takes no new files (a special file system, such as /proc)"
        case ENOTDIR: return "\(shown) is not a directory"
        case EACCES, EPERM: return "no permission to create files in \(shown)"
        case EROFS: return "\(shown) is on a read-only file system"
        case ENOSPC: return "no space left on the device of \(shown)"
        default: return "cannot create a file in \(shown): " + String(cString: strerror(code))
        }
    }

    /// Checks, before any work, that an output could be written at `path`
    /// (`-`, a device, or a file in a directory that takes new files);
    /// throws the error writing it would.
    static func checkCreatable(_ path: String) throws {
        var st = stat()
        if path == "-" { return }
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw ProfileError("is a directory", file: path) }
            if (st.st_mode & S_IFMT) != S_IFREG { return }  // a device or FIFO, written in place
        }
        let dir = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let made = try create(inDirectory: dir, for: path)
        close(made.fd)
        if let p = made.path { unlink(p) }
    }

    /// Gives the nameless file `fd` a temp name in `dir`, to be renamed over
    /// its target; that name.
    static func link(_ fd: Int32, inDirectory dir: String, for target: String) throws -> String {
        for _ in 0..<attempts {
            let path = dir + name()
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return path }
            if errno == EEXIST || errno == EINTR { continue }
            break
        }
        throw ProfileError(Files.errnoMessage("cannot move the finished output into place"), file: target)
    }

    /// `.profconv-PID-` and six random letters or digits.
    static func name() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var random = SystemRandomNumberGenerator()
        let suffix = (0..<6).map { _ in alphabet[Int(random.next(upperBound: UInt(alphabet.count)))] }
        return prefix + String(getpid()) + "-" + String(decoding: suffix, as: UTF8.self)
    }

    /// Whether `name` is a temp name of profconv's: this one's, or the
    /// `.NAME.profconv-XXXXXX` of earlier versions.
    static func isTempName(_ name: String) -> Bool {
        if name.hasPrefix(prefix) { return pid(ofTempName: name) != nil }
        guard name.hasPrefix("."), let marker = name.firstRange(of: prefix) else { return false }
        return name[marker.upperBound...].count == 6
    }

    /// The process that made a temp name.
    static func pid(ofTempName name: String) -> pid_t? {
        let rest = name.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-"), rest[rest.index(after: dash)...].count == 6 else { return nil }
        return pid_t(rest[..<dash])
    }

    /// How old a named temp file must be before a later run removes it.
    static let staleAge = 60

    /// Removes, once per directory and process, the named temp files in
    /// `dir` that a process now gone left there a minute or more ago: it was
    /// killed with SIGKILL while its file had a name (without O_TMPFILE, or
    /// in the moment between link and rename).
    static func removeStale(inDirectory dir: String) {
        guard cleaned.withLock({ $0.insert(dir).inserted }) else { return }
        guard let d = opendir(dir.isEmpty ? "." : dir) else { return }
        defer { closedir(d) }
        let now = time(nil)
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix), let pid = pid(ofTempName: name), pid != getpid() else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            var st = stat()
            guard stat(dir + name, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG,
                  now - st.st_mtim.tv_sec >= staleAge else { continue }
            unlink(dir + name)
        }
    }

    private static let cleaned = Locked(Set<String>())

    /// `O_TMPFILE` where Swift's Glibc does not import it (a macro of
    /// macros), on the architectures whose value is the generic one; nil
    /// where it is unknown, or where `/proc/self/fd` is not there to link
    /// the finished file by.
    private static let anonymousFlag: Int32? = {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        guard access("/proc/self/fd", X_OK) == 0 else { return nil }
        return 0o20000000 | O_DIRECTORY
        #else
        return nil
        #endif
    }()
}
