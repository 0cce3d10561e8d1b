#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// A path as the file system has it: bytes, which need not be UTF-8. A
/// Swift `String` cannot hold `caf\xE9.txt`, so a batch keeps such names as
/// bytes to open and create them, and shows them as ``display``.
public struct RawPath: Hashable, Sendable {
    /// The path's bytes, without a NUL.
    public var bytes: [UInt8]

    /// A path of `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A path of `string`'s UTF-8.
    public init(_ string: String) { bytes = Array(string.utf8) }

    /// The path as text when its bytes are UTF-8, else nil.
    public var string: String? { String(validating: bytes, as: UTF8.self) }

    /// The path for people: itself when UTF-8, else with each byte that is
    /// not part of a UTF-8 character written as `\xNN`.
    public var display: String { string ?? Self.escaped(bytes) }

    /// `self/name`.
    public func appending(_ name: RawPath) -> RawPath {
        if bytes.isEmpty { return name }
        return RawPath(bytes + (bytes.last == UInt8(ascii: "/") ? [] : [UInt8(ascii: "/")]) + name.bytes)
    }

    /// Calls `body` with the path as a C string.
    public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// `stat(2)` of the path (following links), or nil.
    func fileStatus() -> stat? {
        var st = stat()
        return withCString { stat($0, &st) } == 0 ? st : nil
    }

    /// Whether the path itself is a symbolic link.
    var isSymbolicLink: Bool {
        var st = stat()
        return withCString { lstat($0, &st) } == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if length > 0, i + length <= bytes.count, let s = String(validating: bytes[i..<i + length], as: UTF8.self) {
                out += s
                i += length
            } else {
                let digits = Array("0123456789abcdef")
                out += "\\x" + String([digits[Int(b >> 4)], digits[Int(b & 15)]])
                i += 1
            }
        }
        return out
    }
}
