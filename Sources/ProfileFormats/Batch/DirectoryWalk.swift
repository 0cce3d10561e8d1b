#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// The regular files under a directory, as paths relative to it, sorted
/// bytewise so every run sees them in the same order.
///
/// Walks with an explicit stack (no recursion over tree depth), does not
/// follow symbolic links to directories (a link cycle cannot trap it), and
/// leaves out the directories named in `excluding` (by device and inode, so
/// `out`, `./out` and `../in/out` are all the same directory).
public struct DirectoryWalk {
    /// The directory walked.
    public var root: String
    /// Whether subdirectories are walked too.
    public var recursive: Bool
    /// Directories never entered, e.g. the output directory inside the input.
    public var excluding: [FileIdentity]

    /// A walk of `root` that never enters the directories in `excluding`.
    public init(root: String, recursive: Bool, excluding: [FileIdentity] = []) {
        self.root = root
        self.recursive = recursive
        self.excluding = excluding
    }

    /// The relative paths of every regular file (or link to one) found, as
    /// bytes: a name need not be UTF-8.
    public func files() throws -> [RawPath] {
        var found: [RawPath] = []
        let root = RawPath(self.root)
        var pending: [RawPath] = [RawPath([UInt8]())]  // relative directory paths still to read
        while let relative = pending.popLast() {
            let dirPath = root.appending(relative)
            guard let dir = dirPath.withCString({ opendir($0) }) else {
                throw ProfileError(Files.errnoMessage("cannot read the directory"), file: dirPath.display)
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { RawPath(Array($0.prefix { $0 != 0 })) }
                if name.bytes == [0x2E] || name.bytes == [0x2E, 0x2E] { continue }  // . and ..
                let child = relative.appending(name)
                guard let st = root.appending(child).fileStatus() else { continue }  // a dangling link
                switch st.st_mode & S_IFMT {
                case S_IFREG:
                    found.append(child)
                case S_IFDIR where recursive:
                    if !root.appending(child).isSymbolicLink && !excluding.contains(FileIdentity(st)) { pending.append(child) }
                default:
                    continue
                }
            }
        }
        return found.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }
}

/// A file's device and inode: what makes two paths the same file.
public struct FileIdentity: Equatable, Sendable {
    /// `st_dev`.
    public var device: UInt64
    /// `st_ino`.
    public var inode: UInt64

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// The identity of `path`, or nil when it does not exist.
    public init?(path: String) {
        self.init(path: RawPath(path))
    }

    /// The identity of `path`, or nil when it does not exist.
    public init?(path: RawPath) {
        guard let st = path.fileStatus() else { return nil }
        self.init(st)
    }
}

/// Shell-style patterns (`*.pb.gz`, `leaky/*`) as `fnmatch(3)` reads them.
public enum Glob {
    /// Whether `pattern` matches the relative path or its last component;
    /// `*` crosses `/`, so `*.txt` picks text files at any depth.
    public static func matches(_ pattern: String, _ relativePath: String) -> Bool {
        if fnmatch(pattern, relativePath, 0) == 0 { return true }
        guard let slash = relativePath.lastIndex(of: "/") else { return false }
        return fnmatch(pattern, String(relativePath[relativePath.index(after: slash)...]), 0) == 0
    }
}
