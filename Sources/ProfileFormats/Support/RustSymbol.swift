/// Names of Rust functions that a tool demangled only partly, as macOS
/// `sample`, Instruments, perf and DTrace print them:
/// `_$LT$std..fs..File$u20$as$u20$std..io..Read$GT$::read::h5d84059cf335c8e6`
/// is `<std::fs::File as std::io::Read>::read`. The rules are inferno's
/// (`fix_partially_demangled_rust_symbol`), so that frames are named as its
/// collapsers name them: only a name that ends in a Rust hash (`::h` and 16
/// hex digits) is changed; the hash goes, `..` becomes `::`, and the `$..$`
/// escapes become their characters.
enum RustSymbol {
    /// The fixed name, or nil when `name` is not a partly demangled Rust name.
    static func fixPartlyDemangled(_ name: UnsafeRawBufferPointer) -> String? {
        fixedBytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The same, as bytes, for readers that go on cutting the name.
    static func fixedBytes(_ name: UnsafeRawBufferPointer) -> [UInt8]? {
        let hashLength = 17  // `h` and 16 hex digits
        guard name.count >= hashLength, name[name.count - hashLength] == UInt8(ascii: "h") else { return nil }
        for i in (name.count - hashLength + 1)..<name.count where !Digits.isHexDigit(name[i]) { return nil }
        var end = name.count - hashLength
        if end >= 2, name[end - 1] == 0x3A, name[end - 2] == 0x3A { end -= 2 }
        var i = 0
        if end >= 2, name[0] == UInt8(ascii: "_"), name[1] == UInt8(ascii: "$") { i = 1 }
        var out: [UInt8] = []
        out.reserveCapacity(end)
        scan: while i < end {
            let b = name[i]
            if b == UInt8(ascii: ".") {
                if i + 1 < end, name[i + 1] == UInt8(ascii: ".") {
                    out.append(0x3A); out.append(0x3A); i += 2
                } else {
                    out.append(b); i += 1
                }
            } else if b == UInt8(ascii: "$") {
                for (escape, char) in escapes where matches(name, at: i, end: end, escape) {
                    out.append(char)
                    i += escape.utf8CodeUnitCount
                    continue scan
                }
                // An escape it does not know: the rest stays as it is.
                out.append(contentsOf: name[i..<end])
                break
            } else {
                out.append(b); i += 1
            }
        }
        return out
    }

    private static let escapes: [(StaticString, UInt8)] = [
        ("$SP$", 0x40), ("$BP$", 0x2A), ("$RF$", 0x26), ("$LT$", 0x3C), ("$GT$", 0x3E),
        ("$LP$", 0x28), ("$RP$", 0x29), ("$C$", 0x2C), ("$u7e$", 0x7E), ("$u20$", 0x20),
        ("$u27$", 0x27), ("$u3d$", 0x3D), ("$u5b$", 0x5B), ("$u5d$", 0x5D), ("$u7b$", 0x7B),
        ("$u7d$", 0x7D), ("$u3b$", 0x3B), ("$u2b$", 0x2B), ("$u21$", 0x21), ("$u22$", 0x22),
    ]

    private static func matches(_ t: UnsafeRawBufferPointer, at i: Int, end: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard end - i >= n else { return false }
        for k in 0..<n where t[i + k] != s.utf8Start[k] { return false }
        return true
    }
}
