/// A Gecko frame's location string, taken apart as the Firefox Profiler's
/// processing does (`extractFuncsAndResourcesFromFrameLocations` in
/// src/profile-logic/process-profile.ts), so that a Gecko profile gives the
/// functions the processed profile of it names:
/// - `0x7f…`, an unsymbolicated address: the function is the string;
/// - `name (in library) …`, a symbolicated C++ frame: `name`, less a
///   leading `non-virtual thunk to `;
/// - `name (url:line:column)[source]`, a JS frame (column and `[source]`
///   optional): `name` in file `url` (the last of a ` -> ` chain), or
///   `(root scope) url` when the name is empty; `url:line:column` alone too;
/// - anything else (a label frame, `(root)`): the string as it is.
struct FirefoxLocation {
    /// Byte ranges into the location string.
    var name: Range<Int>
    var file: Range<Int>?
    var line: Int64 = 0
    var column: Int64 = 0
    /// The name is `(root scope) ` + file.
    var rootScope = false

    init(_ s: UnsafeRawBufferPointer) {
        name = 0..<s.count
        if s.count >= 2, s[0] == UInt8(ascii: "0"), s[1] == UInt8(ascii: "x") { return }
        if let cpp = Self.cppName(s) {
            name = cpp
            return
        }
        if let js = Self.js(s) { self = js }
    }

    private init(name: Range<Int>) { self.name = name }

    /// `(.*) \(in ([^)]*)\)` followed by ` + N`, ` (…:…)` or nothing:
    /// the three patterns tried in that order, each with its greedy `.*`
    /// (the last " (in " after which the rest matches).
    private static func cppName(_ s: UnsafeRawBufferPointer) -> Range<Int>? {
        let marker = Array(" (in ".utf8)
        for suffix in 0..<3 {
            var at = s.count - marker.count
            while at >= 0 {
                defer { at -= 1 }
                guard s[at..<at + marker.count].elementsEqual(marker) else { continue }
                var close = at + marker.count
                while close < s.count, s[close] != UInt8(ascii: ")") { close += 1 }
                guard close < s.count else { continue }
                if tail(s, from: close + 1, is: suffix) { return thunkless(s, 0..<at) }
            }
        }
        return nil
    }

    private static func tail(_ s: UnsafeRawBufferPointer, from i: Int, is suffix: Int) -> Bool {
        switch suffix {
        case 0:  // " + 123"
            return s.count - i > 3 && s[i] == 0x20 && s[i + 1] == UInt8(ascii: "+") && s[i + 2] == 0x20
                && s[(i + 3)...].allSatisfy(Self.isDigit)
        case 1:  // " (…:…)"
            return s.count - i >= 4 && s[i] == 0x20 && s[i + 1] == UInt8(ascii: "(") && s[s.count - 1] == UInt8(ascii: ")")
                && s[(i + 2)..<(s.count - 1)].contains(UInt8(ascii: ":"))
        default:
            return i == s.count
        }
    }

    private static func thunkless(_ s: UnsafeRawBufferPointer, _ r: Range<Int>) -> Range<Int> {
        let thunk = Array("non-virtual thunk to ".utf8)
        guard r.count >= thunk.count, s[r.lowerBound..<r.lowerBound + thunk.count].elementsEqual(thunk) else { return r }
        return r.lowerBound + thunk.count..<r.upperBound
    }

    /// `(.*) \((.+?):(\d+)(?::(\d+))?\)(?:\[\d+\])?`, else
    /// `(.+?):(\d+)(?::(\d+))?(?:\[\d+\])?`, the whole string.
    private static func js(_ s: UnsafeRawBufferPointer) -> FirefoxLocation? {
        // The greedy name: the last " (" whose rest is "url:line[:col])[n]".
        var at = s.count - 2
        while at >= 0 {
            defer { at -= 1 }
            guard s[at] == 0x20, s[at + 1] == UInt8(ascii: "(") else { continue }
            for end in closeCandidates(s) where end > at + 2 && s[end - 1] == UInt8(ascii: ")") {
                if var l = position(s, at + 2..<end - 1) {
                    l.name = 0..<at
                    l.rootScope = at == 0
                    return l
                }
            }
        }
        for end in closeCandidates(s) {
            if var l = position(s, 0..<end) {
                l.name = 0..<0
                l.rootScope = true
                return l
            }
        }
        return nil
    }

    /// Where the part before an optional trailing `[digits]` ends: with it
    /// first (the regex's greedy group), then the whole string.
    private static func closeCandidates(_ s: UnsafeRawBufferPointer) -> [Int] {
        guard s.count >= 3, s[s.count - 1] == UInt8(ascii: "]") else { return [s.count] }
        var i = s.count - 2
        while i >= 0, isDigit(s[i]) { i -= 1 }
        guard i >= 0, i < s.count - 2, s[i] == UInt8(ascii: "[") else { return [s.count] }
        return [i, s.count]
    }

    /// `url:line` or `url:line:column` filling `r` with a non-empty url,
    /// the shortest such url (the regex's lazy `.+?`).
    private static func position(_ s: UnsafeRawBufferPointer, _ r: Range<Int>) -> FirefoxLocation? {
        var colon = r.lowerBound + 1
        while colon < r.upperBound {
            defer { colon += 1 }
            guard s[colon] == UInt8(ascii: ":") else { continue }
            // The rest: digits, or digits ":" digits.
            var i = colon + 1
            let lineStart = i
            while i < r.upperBound, isDigit(s[i]) { i += 1 }
            guard i > lineStart else { continue }
            let line = number(s, lineStart..<i)
            if i == r.upperBound {
                var l = FirefoxLocation(name: 0..<0)
                l.file = uri(s, r.lowerBound..<colon)
                l.line = line
                return l
            }
            guard s[i] == UInt8(ascii: ":") else { continue }
            let columnStart = i + 1
            i = columnStart
            while i < r.upperBound, isDigit(s[i]) { i += 1 }
            guard i == r.upperBound, i > columnStart else { continue }
            var l = FirefoxLocation(name: 0..<0)
            l.file = uri(s, r.lowerBound..<colon)
            l.line = line
            l.column = number(s, columnStart..<i)
            return l
        }
        return nil
    }

    /// The last URI of a `a -> b -> c` chain.
    private static func uri(_ s: UnsafeRawBufferPointer, _ r: Range<Int>) -> Range<Int> {
        var i = r.upperBound - 4
        while i >= r.lowerBound {
            if s[i] == 0x20, s[i + 1] == UInt8(ascii: "-"), s[i + 2] == UInt8(ascii: ">"), s[i + 3] == 0x20 {
                return i + 4..<r.upperBound
            }
            i -= 1
        }
        return r
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Digits as a number, clamped (a line past 10^18 is no line).
    private static func number(_ s: UnsafeRawBufferPointer, _ r: Range<Int>) -> Int64 {
        guard r.count <= 18 else { return 0 }
        return r.reduce(Int64(0)) { $0 * 10 + Int64(s[$1] - 0x30) }
    }
}
