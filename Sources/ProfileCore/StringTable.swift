import ProfileSupport

/// The interned strings of a profile, addressed by `Int32` ids; id 0 is `""`.
///
/// Interning works from raw UTF-8 bytes, so a text reader can look a name up
/// without making a `String` first: a `String` is created once per *distinct*
/// name, never per occurrence.
public struct StringTable: Sendable {
    /// The strings, by id.
    public private(set) var strings: [String]
    /// Where each indexed string is, by a seeded hash of its UTF-8. Built
    /// lazily, since profiles read from pprof rarely need to intern.
    private var index = HashIndex(capacity: 0)
    /// The UTF-8 of every indexed string, concatenated (string `i` ends at
    /// `utf8End[i]`): lookups compare bytes here and never touch a `String`,
    /// which would cost a retain and a release per frame of a text input.
    private var utf8: [UInt8] = []
    private var utf8End: [Int] = []
    private var indexedCount = 0

    /// A table holding only `""` (id 0).
    public init() { strings = [""] }

    /// The same, hashing with `seed` (tests show that no id depends on it).
    init(seed: HashSeed) {
        strings = [""]
        index = HashIndex(capacity: 0, seed: seed)
    }

    /// A table holding exactly `strings` (as read from a pprof file), without
    /// de-duplicating them. `strings[0]` must be `""`.
    public init(verbatim strings: [String], originalBytes: [Int32: [UInt8]] = [:]) {
        self.strings = strings.isEmpty ? [""] : strings
        self.originalBytes = originalBytes
    }

    /// The bytes as read of strings that were not valid UTF-8 (their
    /// `String` holds U+FFFD instead), by id: a pprof file written back keeps
    /// every string byte for byte, as google/pprof does. Only verbatim tables
    /// (read from pprof) have any; text outputs use the repaired `String`.
    public private(set) var originalBytes: [Int32: [UInt8]] = [:]

    /// The bytes string `id` was read as: its original bytes if it was
    /// invalid UTF-8, else its UTF-8.
    public func storedBytes(_ id: Int32) -> [UInt8] {
        originalBytes[id] ?? Array(self[id].utf8)
    }

    /// The number of strings, `""` included.
    @inlinable public var count: Int { strings.count }

    /// The string with id `id`, `""` for an out-of-range id (hostile files hold such ids).
    @inlinable public subscript(id: Int32) -> String {
        let i = Int(id)
        return i >= 0 && i < strings.count ? strings[i] : ""
    }

    /// The name reports show for `f`: its name, or its system name when the
    /// name is empty, as pprof does for stripped or C-only functions.
    @inlinable public func name(of f: Function) -> String {
        let name = self[f.name]
        return name.isEmpty ? self[f.systemName] : name
    }

    /// The id of `string`, adding it if new.
    public mutating func intern(_ string: String) -> Int32 {
        var s = string
        return s.withUTF8 { intern(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The id of the UTF-8 text in `bytes`, adding it if new. Invalid UTF-8
    /// is repaired (U+FFFD) in the stored string, but lookups use the raw bytes.
    public mutating func intern(bytes: UnsafeRawBufferPointer) -> Int32 {
        if bytes.isEmpty { return 0 }
        if indexedCount != strings.count { reindex() }
        let hash = SeededHash.bytes(bytes, index.seed)
        let probe = find(bytes, hash)
        if let found = probe.entry { return Int32(found) }
        let string = String(decoding: bytes, as: UTF8.self)
        if !string.utf8.elementsEqual(bytes) {
            // Invalid UTF-8: intern the repaired text, so equal names stay one id.
            return intern(string)
        }
        let id = strings.count
        strings.append(string)
        utf8.append(contentsOf: bytes)
        utf8End.append(utf8.count)
        indexedCount = strings.count
        index.insert(id, hash: hash, at: probe)
        return Int32(id)
    }

    /// The slots walked past to find every indexed string (`HashIndex.probeSteps`).
    var probeSteps: Int { index.probeSteps }

    /// The id of `string` if present.
    public mutating func lookup(_ string: String) -> Int32? {
        if string.isEmpty { return 0 }
        if indexedCount != strings.count { reindex() }
        var s = string
        return s.withUTF8 { bytes in
            let bytes = UnsafeRawBufferPointer(bytes)
            return find(bytes, SeededHash.bytes(bytes, index.seed)).entry.map { Int32($0) }
        }
    }

    /// The id of `bytes` (whose hash is `hash`) if indexed, else where it would go.
    private func find(_ bytes: UnsafeRawBufferPointer, _ hash: UInt64) -> HashIndex.Probe {
        utf8.withUnsafeBufferPointer { arena in
            utf8End.withUnsafeBufferPointer { ends in
                index.find(hash) { id in
                    let start = id == 0 ? 0 : ends[id - 1]
                    return ends[id] - start == bytes.count
                        && (bytes.isEmpty || memcmpEqual(arena.baseAddress! + start, bytes.baseAddress!, bytes.count))
                }
            }
        }
    }

    /// Indexes every string, after `strings` was set whole (a verbatim table).
    private mutating func reindex() {
        index = HashIndex(capacity: strings.count, seed: index.seed)
        utf8.removeAll(keepingCapacity: true)
        utf8End.removeAll(keepingCapacity: true)
        utf8End.reserveCapacity(strings.count)
        for s in strings {
            utf8.append(contentsOf: s.utf8)
            utf8End.append(utf8.count)
        }
        indexedCount = strings.count
        for i in 1..<strings.count {
            let (start, end) = (utf8End[i - 1], utf8End[i])
            let (hash, probe) = utf8.withUnsafeBytes { arena in
                let bytes = UnsafeRawBufferPointer(rebasing: arena[start..<end])
                let hash = SeededHash.bytes(bytes, index.seed)
                return (hash, find(bytes, hash))
            }
            // Verbatim tables may repeat a string; the first id wins.
            if probe.entry == nil { index.insert(i, hash: hash, at: probe) }
        }
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    let b = b.assumingMemoryBound(to: UInt8.self)
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
            != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
