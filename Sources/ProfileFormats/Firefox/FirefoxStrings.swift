import ProfileCore

/// A JSON array of strings (a Gecko thread's `stringTable`, a processed
/// profile's `stringArray`), kept as one byte buffer: strings are looked up
/// by index once the tables that name them are read, and most are never
/// needed (marker names).
struct FirefoxStrings {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Where the array began, for errors about an index past its end.
    private(set) var offset = 0
    /// Interned builder strings, by index (-1: not yet).
    private var interned: [Int32] = []

    var count: Int { ends.count }

    mutating func read(_ s: inout JSONScanner) throws {
        s.skipSpace()
        offset = s.pos
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        try s.beginArray("an array of strings")
        var n = 0
        while try s.nextElement(&n) {
            try s.withString { bytes.append(contentsOf: $0) }
            ends.append(bytes.count)
        }
        interned = Array(repeating: -1, count: ends.count)
    }

    /// The UTF-8 of string `i` (which the caller has checked is in range).
    func with<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = i == 0 ? 0 : ends[i - 1]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[i]])) }
    }

    /// String `i` in the builder's string table.
    mutating func intern(_ i: Int, _ builder: inout ProfileBuilder) -> Int32 {
        if interned[i] >= 0 { return interned[i] }
        let id = with(i) { builder.intern(bytes: $0) }
        interned[i] = id
        return id
    }

    /// Throws unless `i` indexes a string; `what` names where it came from.
    func check(_ i: Int64, _ what: @autoclosure () -> String, at offset: Int) throws {
        guard i >= 0, i < count else {
            throw ProfileError.atByte(offset, "\(what()) names string \(i), but the string table (byte \(self.offset)) has \(count)")
        }
    }
}
