/// A numeric range in pprof's tag-filter syntax: `32kb` (equal), `:64kb`
/// (at most), `4mb:` (at least), `12kb:64mb` (between, inclusive). Values are
/// compared after converting both sides to the range's unit.
struct TagRange: Sendable {
    private let low: Double?
    private let high: Double?
    private let unit: String

    /// Parses `text`; nil when it is not a range (then it is a regexp).
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        // Up to two `[+-]digits[letters]` tokens, like pprof's tagFilterRangeRx.
        var tokens: [(range: Range<Int>, number: Int64, unit: String)] = []
        var i = 0
        while i < bytes.count && tokens.count < 2 {
            var j = i
            if bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            let digitsStart = j
            while j < bytes.count && bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
            if j == digitsStart { i += 1; continue }
            let numberEnd = j
            while j < bytes.count && ((bytes[j] | 0x20) >= 0x61 && (bytes[j] | 0x20) <= 0x7A) { j += 1 }
            guard let n = Int64(String(decoding: bytes[i..<numberEnd], as: UTF8.self)) else { return nil }
            tokens.append((i..<j, n, String(decoding: bytes[numberEnd..<j], as: UTF8.self)))
            i = j
        }
        guard let first = tokens.first else { return nil }
        let (v1, u1) = Units.scale(first.number, from: first.unit, to: first.unit)
        unit = u1
        let whole = first.range == 0..<bytes.count
        if tokens.count == 1 {
            if whole {
                (low, high) = (v1, v1)
            } else if first.range == 0..<(bytes.count - 1) && bytes.last == UInt8(ascii: ":") {
                (low, high) = (v1, nil)
            } else if first.range == 1..<bytes.count && bytes.first == UInt8(ascii: ":") {
                (low, high) = (nil, v1)
            } else {
                return nil
            }
            return
        }
        let second = tokens[1]
        guard first.range.lowerBound == 0, second.range.lowerBound == first.range.upperBound + 1,
              second.range.upperBound == bytes.count, bytes[first.range.upperBound] == UInt8(ascii: ":") else { return nil }
        let (v2, u2) = Units.scale(second.number, from: second.unit, to: u1)
        guard u2 == u1 else { return nil }
        (low, high) = (v1, v2)
    }

    func contains(_ value: Int64, unit valueUnit: String) -> Bool {
        let (v, u) = Units.scale(value, from: valueUnit, to: unit)
        guard u == unit else { return false }
        if let low, v < low { return false }
        if let high, v > high { return false }
        return true
    }
}
