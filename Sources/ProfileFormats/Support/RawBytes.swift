/// Small views of raw bytes the text readers share.
extension UnsafeRawBufferPointer {
    /// Whether the bytes start with the ASCII `prefix`.
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard count >= n else { return false }
        let p = prefix.utf8Start
        for i in 0..<n where self[i] != p[i] { return false }
        return true
    }

    func slice(_ lo: Int, _ hi: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[lo..<hi])
    }

    /// The bytes as a `String` (for messages and distinct names only).
    var string: String { String(decoding: self, as: UTF8.self) }

    /// At most 60 bytes of the line, for error messages.
    var excerpt: String {
        count <= 60 ? string : slice(0, 60).string + "…"
    }
}
