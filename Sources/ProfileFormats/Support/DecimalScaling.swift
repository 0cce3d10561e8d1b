extension Digits {
    /// A non-negative decimal such as `0.031` or `12`, times 10^`decimals`,
    /// rounded half up (`0.0315` is 32 thousandths): exact, with no
    /// floating point. Nil when it is not such a number or does not fit in
    /// 64 bits.
    static func scaledDecimal(_ t: UnsafeRawBufferPointer, decimals: Int) -> Int64? {
        var i = 0
        let whole: Int64
        if i < t.count, t[i] == UInt8(ascii: ".") { whole = 0 } else {
            guard let w = decimal(t, &i) else { return nil }
            whole = w
        }
        var value = whole
        var fraction = 0
        var roundUp = false
        if i < t.count, t[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < t.count, isDigit(t[i]) {
                if fraction < decimals {
                    let (m, o1) = value.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int64(t[i] &- 0x30))
                    if o1 || o2 { return nil }
                    value = a
                    fraction += 1
                } else if i == start + decimals {
                    roundUp = t[i] >= UInt8(ascii: "5")
                }
                i += 1
            }
            if i == start && t.count == 1 { return nil }
        }
        guard i == t.count else { return nil }
        while fraction < decimals {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return nil }
            value = m
            fraction += 1
        }
        if roundUp {
            let (a, o) = value.addingReportingOverflow(1)
            if o { return nil }
            value = a
        }
        return value
    }
}
