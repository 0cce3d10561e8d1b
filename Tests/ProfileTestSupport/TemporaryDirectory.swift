import Foundation

/// Fresh directories for the files a test writes: unique per call (mkdtemp),
/// under `$TMPDIR`, so tests that run at the same time, or two checkouts
/// tested on one machine, never share a path.
public enum TemporaryDirectory {
    /// A new empty directory; its path.
    public static func make(_ prefix: String = "profconv-test") throws -> String {
        let base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array((base + prefix + "-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return String(cString: made)
    }

    /// `name` inside a new directory: a path no other test uses.
    public static func file(_ name: String, prefix: String = "profconv-test") throws -> String {
        try make(prefix) + "/" + name
    }
}
