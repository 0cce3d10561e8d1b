import ProfileCore

/// The function symbols of `.symtab` (else `.dynsym`), sorted by address,
/// answering "which function holds this address".
public struct ELFSymbols {
    /// A function symbol: its name, first address and size.
    public struct Symbol: Equatable {
        public var name: String
        /// The symbol's first address.
        public var start: UInt64
        /// 0 when the symbol table gives none: such a symbol then reaches to the next one.
        public var size: UInt64
    }

    /// The function symbols, sorted by ``Symbol/start``.
    public private(set) var symbols: [Symbol] = []
    /// `.symtab` or `.dynsym`, for messages.
    public private(set) var source = ""

    /// Whether the binary has no function symbols (it was stripped).
    public var isEmpty: Bool { symbols.isEmpty }

    /// The function symbols of `elf`; throws on a malformed symbol table.
    public init(_ elf: ELFFile) throws(ProfileError) {
        for table in [".symtab", ".dynsym"] {
            guard let s = elf.section(named: table), s.link < elf.sections.count else { continue }
            try read(elf, s, elf.sections[Int(s.link)])
            if !symbols.isEmpty { source = table; break }
        }
        symbols.sort { $0.start != $1.start ? $0.start < $1.start : $0.name < $1.name }
        // One symbol per address (aliases): the first name in order, as a sorted table lists it.
        var unique: [Symbol] = []
        unique.reserveCapacity(symbols.count)
        for s in symbols where unique.last?.start != s.start { unique.append(s) }
        symbols = unique
    }

    private mutating func read(_ elf: ELFFile, _ table: ELFFile.Section, _ strings: ELFFile.Section) throws(ProfileError) {
        let entry: UInt64 = elf.is64 ? 24 : 16
        guard let t = elf.data(of: table) else {
            throw ProfileError.atByte(Int(clamping: table.offset), "the \(table.name) section lies outside the file")
        }
        guard let names = elf.data(of: strings) else {
            throw ProfileError.atByte(Int(clamping: strings.offset), "the string table of \(table.name) lies outside the file")
        }
        let v = elf.view
        var o = t.offset
        while o + entry <= UInt64(t.end) {
            let nameOffset = UInt64(try v.u32(o))
            let info: UInt8, value: UInt64, size: UInt64, shndx: UInt16
            if elf.is64 {
                info = try v.u8(o + 4); shndx = try v.u16(o + 6); value = try v.u64(o + 8); size = try v.u64(o + 16)
            } else {
                value = UInt64(try v.u32(o + 4)); size = UInt64(try v.u32(o + 8)); info = try v.u8(o + 12); shndx = try v.u16(o + 14)
            }
            o += entry
            // STT_FUNC, defined (not SHN_UNDEF), with an address.
            guard info & 0xF == 2, shndx != 0, value != 0 else { continue }
            let name = v.cString(names.offset + nameOffset, limit: names.end) ?? ""
            if !name.isEmpty { symbols.append(Symbol(name: name, start: value, size: size)) }
        }
    }

    /// The function symbol holding `address`: the last one starting at or
    /// before it, if its size (or, sizeless, the next symbol) reaches it.
    public func lookup(_ address: UInt64) -> Symbol? {
        var lo = 0, hi = symbols.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if symbols[mid].start <= address { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let s = symbols[lo - 1]
        if s.size > 0 { return address - s.start < s.size ? s : nil }
        return lo < symbols.count ? s : nil
    }
}
