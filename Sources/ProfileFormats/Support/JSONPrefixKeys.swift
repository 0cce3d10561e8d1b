/// The keys of a JSON document's top-level object, as far as a sniffed
/// prefix shows them: JSON formats are told apart by their keys, and a
/// prefix may end inside any value.
struct JSONPrefixKeys {
    /// The keys read, in order.
    private(set) var keys: [String] = []
    /// Whether the prefix ended before the object did.
    private(set) var truncated = false
    /// Whether the prefix is a JSON object at all (after a UTF-8 BOM and space).
    private(set) var isObject = false

    init(_ prefix: UnsafeRawBufferPointer) {
        let text = TextEncoding.droppingUTF8BOM(prefix)
        var scanner = JSONScanner(text, what: "JSON")
        guard scanner.peek() == UInt8(ascii: "{") else { return }
        isObject = true
        do {
            try scanner.beginObject("an object")
            var n = 0
            while let key = try scanner.nextMember(&n) {
                keys.append(String(decoding: key, as: UTF8.self))
                guard keys.count < 64 else { return }
                try scanner.skipValue()
            }
        } catch {
            truncated = true
        }
    }

    func contains(_ key: String) -> Bool { keys.contains(key) }
}
