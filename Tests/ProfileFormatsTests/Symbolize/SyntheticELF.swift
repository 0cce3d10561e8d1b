/// A minimal ELF file written byte by byte, in any class and byte order,
/// for the reader's tests: one `PT_LOAD` segment holding the whole file,
/// a `.text` section, and `.symtab`/`.strtab` with the given functions.
struct SyntheticELF {
    var is64 = true
    var bigEndian = false
    /// Where the file is loaded (`p_vaddr` of offset 0).
    var base: UInt64 = 0x10000
    /// Function symbols: name, address, size (0: no size).
    var functions: [(String, UInt64, UInt64)] = []
    var textSize: UInt64 = 0x100

    var out: [UInt8] = []

    private mutating func put(_ v: UInt64, _ n: Int) {
        let bytes = (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) }
        out += bigEndian ? bytes.reversed() : bytes
    }
    private mutating func word(_ v: UInt64) { put(v, is64 ? 8 : 4) }

    mutating func bytes() -> [UInt8] {
        out = []
        let ehsize = is64 ? 64 : 52, phsize = is64 ? 56 : 32, shsize = is64 ? 64 : 40, symsize = is64 ? 24 : 16
        // Layout: header, program header, .text, .strtab, .symtab, .shstrtab, section headers.
        var strtab: [UInt8] = [0]
        var nameOffsets: [UInt64] = []
        for (name, _, _) in functions { nameOffsets.append(UInt64(strtab.count)); strtab += Array(name.utf8) + [0] }
        let shstrtab = Array("\0.text\0.strtab\0.symtab\0.shstrtab\0".utf8)
        let textOff = UInt64(ehsize + phsize)
        let strOff = textOff + textSize
        let symOff = strOff + UInt64(strtab.count)
        let symLen = UInt64((functions.count + 1) * symsize)
        let shstrOff = symOff + symLen
        let shOff = shstrOff + UInt64(shstrtab.count)
        let total = shOff + UInt64(5 * shsize)

        out += [0x7F, 0x45, 0x4C, 0x46, is64 ? 2 : 1, bigEndian ? 2 : 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        put(2, 2); put(62, 2); put(1, 4)  // ET_EXEC, EM_X86_64, version
        word(base + textOff); word(UInt64(ehsize)); word(shOff)
        put(0, 4); put(UInt64(ehsize), 2); put(UInt64(phsize), 2); put(1, 2)
        put(UInt64(shsize), 2); put(5, 2); put(4, 2)
        // PT_LOAD, R+X, the whole file.
        if is64 {
            put(1, 4); put(5, 4); word(0); word(base); word(base); word(total); word(total); word(0x1000)
        } else {
            put(1, 4); word(0); word(base); word(base); word(total); word(total); put(5, 4); word(0x1000)
        }
        out += [UInt8](repeating: 0x90, count: Int(textSize))
        out += strtab
        out += [UInt8](repeating: 0, count: symsize)
        for (k, (_, address, size)) in functions.enumerated() {
            if is64 {
                put(nameOffsets[k], 4); out += [0x12, 0]; put(1, 2); word(address); word(size)
            } else {
                put(nameOffsets[k], 4); word(address); word(size); out += [0x12, 0]; put(1, 2)
            }
        }
        out += shstrtab
        out += [UInt8](repeating: 0, count: shsize)
        section(1, 1, 6, base + textOff, textOff, textSize, 0, 0)           // .text
        section(7, 3, 0, 0, strOff, UInt64(strtab.count), 0, 0)              // .strtab
        section(15, 2, 0, 0, symOff, symLen, 2, UInt64(symsize))             // .symtab → .strtab
        section(23, 3, 0, 0, shstrOff, UInt64(shstrtab.count), 0, 0)         // .shstrtab
        return out
    }

    private mutating func section(_ name: UInt64, _ type: UInt64, _ flags: UInt64, _ addr: UInt64,
                                  _ offset: UInt64, _ size: UInt64, _ link: UInt64, _ entsize: UInt64) {
        put(name, 4); put(type, 4); word(flags); word(addr); word(offset); word(size)
        put(link, 4); put(0, 4); word(1); word(entsize)
    }
}
