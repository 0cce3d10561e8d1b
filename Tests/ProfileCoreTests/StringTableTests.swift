import ProfileCore
import Testing

@Suite("interned strings")
struct StringTableTests {
    @Test("id 0 is the empty string and equal strings share one id")
    func interning() {
        var t = StringTable()
        #expect(t[0] == "")
        let a = t.intern("main.main")
        let b = t.intern("runtime.gopark")
        #expect(a != b)
        #expect(t.intern("main.main") == a)
        #expect(t.intern("") == 0)
        #expect(t.count == 3)
        #expect(t.lookup("runtime.gopark") == b)
        #expect(t.lookup("absent") == nil)
    }

    @Test("interning from bytes finds strings interned as strings, across table growth")
    func bytes() {
        var t = StringTable()
        let ids = (0..<5000).map { t.intern("func\($0)") }
        for (i, id) in ids.enumerated() {
            let bytes = Array("func\(i)".utf8)
            #expect(bytes.withUnsafeBytes { t.intern(bytes: $0) } == id)
        }
        #expect(t.count == 5001)
    }

    @Test("invalid UTF-8 is stored repaired, and repeated occurrences stay one id")
    func invalidUTF8() {
        var t = StringTable()
        let bad: [UInt8] = [0x61, 0xFF, 0x62]
        let first = bad.withUnsafeBytes { t.intern(bytes: $0) }
        let second = bad.withUnsafeBytes { t.intern(bytes: $0) }
        #expect(first == second)
        #expect(t[first] == "a\u{FFFD}b")
    }

    @Test("a verbatim table keeps duplicates, and lookups find the first")
    func verbatim() {
        var t = StringTable(verbatim: ["", "x", "y", "x"])
        #expect(t.count == 4)
        #expect(t.lookup("x") == 1)
    }

    @Test("sums saturate instead of wrapping")
    func saturation() {
        #expect(Int64.max.saturatingAdd(1) == .max)
        #expect(Int64.min.saturatingAdd(-1) == .min)
        #expect(Int64(2).saturatingAdd(3) == 5)
    }
}
