/// One callchain line of a `perf script` event, as inferno-collapse-perf
/// splits it (`stack_line_parts`): the address, the symbol (with its
/// `+0xOFFSET`), and the DSO in parentheses, the last word:
/// ```
///     ffffffff8103ce3b native_safe_halt ([kernel.kallsyms])
///     7f533952bc77 _dl_check_map_versions+0x597 (/usr/lib/ld-2.28.so)
///     7f722d142778 Ljava/io/PrintStream;::print (/tmp/perf-19982.map)
///                0 [unknown] ([unknown])
/// ```
struct PerfFrameLine {
    var address: Range<Int>
    /// The symbol without its offset; a single space when perf printed none.
    var symbol: Range<Int>
    /// Whether the symbol is the one space perf leaves without a symbol
    /// (`7f1e2215d058  (/lib/libc.so)`), which stackcollapse-perf.pl keeps.
    var symbolIsBlank = false
    /// The DSO without its parentheses.
    var module: Range<Int>

    /// Parses `line` (trailing spaces removed); nil for a line of another shape.
    init?(_ line: UnsafeRawBufferPointer) {
        var i = 0
        while i < line.count && FrameText.isSpace(line[i]) { i += 1 }
        guard let space = ByteSearch.first(0x20, in: line, from: i) else { return nil }
        address = FrameText.trimmed(line, i, space)
        let rest = space + 1
        // The DSO is the last word, in parentheses.
        var lastSpace = line.count
        while lastSpace > rest && line[lastSpace - 1] != 0x20 { lastSpace -= 1 }
        guard lastSpace > rest else { return nil }
        let m = lastSpace..<line.count
        guard m.count >= 2, line[m.lowerBound] == UInt8(ascii: "("), line[m.upperBound - 1] == UInt8(ascii: ")") else { return nil }
        module = (m.lowerBound + 1)..<(m.upperBound - 1)
        var sym = FrameText.trimmed(line, rest, lastSpace - 1)
        if sym.isEmpty {
            sym = (lastSpace - 1)..<lastSpace
            symbolIsBlank = true
        }
        // `+0xOFFSET` at the end of the symbol goes.
        var k = sym.upperBound
        while k > sym.lowerBound && Digits.isHexDigit(line[k - 1]) { k -= 1 }
        if k - 3 >= sym.lowerBound && FrameText.has(line, "+0x", at: k - 3) { sym = sym.lowerBound..<(k - 3) }
        symbol = sym
    }
}

extension UnsafeRawBufferPointer {
    /// The bytes in `range`.
    subscript(bytes range: Range<Int>) -> UnsafeRawBufferPointer { slice(range.lowerBound, range.upperBound) }
}
