/// The fields of one CSV line, as profilers' CSV exports write them (VTune,
/// Visual Studio): separated by commas, a field in double quotes when it
/// holds a comma, with `""` for a quote inside one (RFC 4180). Fields are
/// views of the line; only a field with `""` in it needs ``Field/text``
/// to be unescaped.
struct CSVFields {
    private let line: UnsafeRawBufferPointer
    private var position = 0
    private var done = false

    init(_ line: UnsafeRawBufferPointer) { self.line = line }

    struct Field {
        /// The field's bytes, without its quotes; `""` still doubled.
        var raw: UnsafeRawBufferPointer
        /// Whether the field was in quotes.
        var quoted: Bool
        /// Whether it holds a `""`, so ``raw`` is not the text.
        var hasDoubledQuotes: Bool
        /// False when the field opened a quote that the line never closed.
        var closed: Bool

        /// The field's text, `""` made `"`.
        var text: String {
            guard hasDoubledQuotes else { return raw.string }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(raw.count)
            var i = 0
            while i < raw.count {
                bytes.append(raw[i])
                i += raw[i] == 0x22 ? 2 : 1
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The next field, or nil after the last one. A line of `a,` has two
    /// fields, the second empty.
    mutating func next() -> Field? {
        guard !done else { return nil }
        guard position < line.count, line[position] == 0x22 else {
            let start = position
            let end = ByteSearch.first(0x2C, in: line, from: start) ?? line.count
            finishField(at: end)
            return Field(raw: line.slice(start, end), quoted: false, hasDoubledQuotes: false, closed: true)
        }
        let start = position + 1
        var i = start
        var doubled = false
        while let q = ByteSearch.first(0x22, in: line, from: i) {
            if q + 1 < line.count, line[q + 1] == 0x22 {
                doubled = true
                i = q + 2
                continue
            }
            // After the closing quote comes the comma (anything else up to
            // it is kept out of the field, as spreadsheets do).
            finishField(at: ByteSearch.first(0x2C, in: line, from: q + 1) ?? line.count)
            return Field(raw: line.slice(start, q), quoted: true, hasDoubledQuotes: doubled, closed: true)
        }
        done = true
        return Field(raw: line.slice(start, line.count), quoted: true, hasDoubledQuotes: doubled, closed: false)
    }

    private mutating func finishField(at comma: Int) {
        if comma >= line.count { done = true } else { position = comma + 1 }
    }
}
