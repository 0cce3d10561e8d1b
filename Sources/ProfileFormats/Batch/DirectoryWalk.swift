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

    /// The relative paths of every regular file (or link to one) found.
    public func files() throws -> [String] {
        var found: [String] = []
        var pending: [String] = [""]  // relative directory paths still to read
        while let relative = pending.popLast() {
            let dirPath = relative.isEmpty ? root : root + "/" + relative
            guard let dir = opendir(dirPath) else {
                throw ProfileError(Files.errnoMessage("cannot read the directory"), file: dirPath)
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var st = stat()
                guard stat(root + "/" + child, &st) == 0 else { continue }  // a dangling link
                switch st.st_mode & S_IFMT {
                case S_IFREG:
                    found.append(child)
                case S_IFDIR where recursive:
                    var lst = stat()
                    let isLink = lstat(root + "/" + child, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK
                    if !isLink && !excluding.contains(FileIdentity(st)) { pending.append(child) }
                default:
                    continue
                }
            }
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
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
