import ProfileCore

/// The headers of an ELF file (32- or 64-bit, either byte order): sections,
/// program headers and build IDs, enough to read symbols and Go's pclntab and
/// to turn a runtime address into a file virtual address.
///
/// A binary is hostile input like a profile: every header field is checked
/// against the file's size before it is used (see `ByteView`).
public struct ELFFile {
    /// A section header.
    public struct Section {
        public var name: String
        /// `sh_type`.
        public var type: UInt32
        /// `sh_flags`.
        public var flags: UInt64
        /// `sh_addr`: the address where the section is loaded.
        public var address: UInt64
        /// `sh_offset`: where its bytes start in the file.
        public var offset: UInt64
        /// `sh_size`, in bytes.
        public var size: UInt64
        /// `sh_link`: e.g. the string table of a symbol table.
        public var link: UInt32
        /// `sh_entsize`: the size of one entry of a table section.
        public var entrySize: UInt64
        /// `SHT_NOBITS` (`.bss`): no bytes in the file.
        public var hasBytes: Bool { type != 8 }
    }

    /// A program header.
    public struct Segment {
        /// `p_type`.
        public var type: UInt32
        /// `p_flags`.
        public var flags: UInt32
        /// `p_offset`: where the segment starts in the file.
        public var offset: UInt64
        /// `p_vaddr`: where it is loaded.
        public var address: UInt64
        /// `p_filesz`, in bytes.
        public var fileSize: UInt64
        /// `p_memsz`, in bytes.
        public var memorySize: UInt64
        /// `PT_LOAD`: the segment is mapped into memory.
        public var isLoad: Bool { type == 1 }
        /// `PF_X`: it holds code.
        public var isExecutable: Bool { flags & 1 != 0 }
        /// `PF_W`: it is writable.
        public var isWritable: Bool { flags & 2 != 0 }
    }

    let view: ByteView
    /// `ELFCLASS64` rather than 32-bit.
    public let is64: Bool
    /// Whether multi-byte fields are big-endian.
    public var bigEndian: Bool { view.bigEndian }
    /// `ET_EXEC` (2) is loaded at its link addresses; `ET_DYN` (3) anywhere.
    public let type: UInt16
    /// `e_machine`, e.g. 62 for x86-64.
    public let machine: UInt16
    /// The section headers, named.
    public private(set) var sections: [Section] = []
    /// The program headers.
    public private(set) var segments: [Segment] = []
    /// The `.note.go.buildid` string, as `go tool buildid` prints it.
    public private(set) var goBuildID: String?
    /// The `.note.gnu.build-id` bytes in lower-case hex, as pprof shows them.
    public private(set) var gnuBuildID: String?

    /// 8 for a 64-bit file, else 4.
    public var pointerSize: Int { is64 ? 8 : 4 }
    /// `ET_DYN`: the binary can be loaded at any address, so mappings' offsets place it.
    public var isPositionIndependent: Bool { type == 3 }

    /// Whether `bytes` start with the ELF magic, for callers that sniff.
    public static func isELF(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x7F && bytes[1] == 0x45 && bytes[2] == 0x4C && bytes[3] == 0x46
    }

    /// Parses the headers of the ELF file in `bytes`; throws at the byte offset of the first bad field.
    public init(_ bytes: [UInt8]) throws(ProfileError) {
        guard Self.isELF(bytes) else { throw ProfileError.atByte(0, "not an ELF file (no \\x7fELF magic)")
            .hinting(.symbolBinary, remedy: "a symbol binary is an executable or shared library") }
        guard bytes.count >= 52 else { throw ProfileError.atByte(bytes.count, "the ELF header is cut off") }
        switch bytes[4] {
        case 1: is64 = false
        case 2: is64 = true
        default: throw ProfileError.atByte(4, "unknown ELF class \(bytes[4]) (1 is 32-bit, 2 is 64-bit)")
        }
        guard bytes[5] == 1 || bytes[5] == 2 else { throw ProfileError.atByte(5, "unknown ELF byte order \(bytes[5])") }
        view = ByteView(bytes, bigEndian: bytes[5] == 2)
        type = try view.u16(16, "the ELF header")
        machine = try view.u16(18, "the ELF header")
        let w: UInt64 = is64 ? 8 : 4
        let phoff = try view.uint(is64 ? 32 : 28, Int(w), "the ELF header")
        let shoff = try view.uint(is64 ? 40 : 32, Int(w), "the ELF header")
        let base: UInt64 = is64 ? 54 : 42
        let phentsize = UInt64(try view.u16(base, "the ELF header"))
        let phnum = UInt64(try view.u16(base + 2, "the ELF header"))
        let shentsize = UInt64(try view.u16(base + 4, "the ELF header"))
        let shnum = UInt64(try view.u16(base + 6, "the ELF header"))
        let shstrndx = Int(try view.u16(base + 8, "the ELF header"))
        if phnum > 0 {
            guard phentsize >= (is64 ? 56 : 32), view.contains(phoff, phnum * phentsize) else {
                throw ProfileError.atByte(Int(clamping: phoff), "the ELF program headers (\(phnum) of \(phentsize) bytes) lie outside the file")
            }
            for k in 0..<phnum { segments.append(try segment(at: phoff + k * phentsize)) }
        }
        if shnum > 0 && shoff != 0 {
            guard shentsize >= (is64 ? 64 : 40), view.contains(shoff, shnum * shentsize) else {
                throw ProfileError.atByte(Int(clamping: shoff), "the ELF section headers (\(shnum) of \(shentsize) bytes) lie outside the file")
            }
            var nameOffsets: [UInt64] = []
            for k in 0..<shnum {
                let (s, nameOffset) = try section(at: shoff + k * shentsize)
                sections.append(s)
                nameOffsets.append(nameOffset)
            }
            if shstrndx < sections.count, let names = data(of: sections[shstrndx]) {
                for k in sections.indices {
                    sections[k].name = view.cString(names.offset + nameOffsets[k], limit: names.end) ?? ""
                }
            }
        }
        try checkExtents()
        readBuildIDs()
    }

    /// A cut-off file (a partial copy, a download that stopped) is refused
    /// as such, instead of seeming to have no symbols.
    private func checkExtents() throws(ProfileError) {
        for (k, s) in sections.enumerated() where s.type != 0 && s.hasBytes && !view.contains(s.offset, s.size) {
            throw ProfileError.atByte(view.count, "the ELF file is cut off: section \(s.name.isEmpty ? "#\(k)" : s.name) (\(s.size) bytes at byte \(s.offset)) reaches past its end; copy the whole binary")
        }
        for s in segments where s.isLoad && !view.contains(s.offset, s.fileSize) {
            throw ProfileError.atByte(view.count, "the ELF file is cut off: a loaded segment (\(s.fileSize) bytes at byte \(s.offset)) reaches past its end; copy the whole binary")
        }
    }

    private func segment(at o: UInt64) throws(ProfileError) -> Segment {
        if is64 {
            return Segment(type: try view.u32(o), flags: try view.u32(o + 4), offset: try view.u64(o + 8),
                           address: try view.u64(o + 16), fileSize: try view.u64(o + 32), memorySize: try view.u64(o + 40))
        }
        return Segment(type: try view.u32(o), flags: try view.u32(o + 24), offset: UInt64(try view.u32(o + 4)),
                       address: UInt64(try view.u32(o + 8)), fileSize: UInt64(try view.u32(o + 16)),
                       memorySize: UInt64(try view.u32(o + 20)))
    }

    private func section(at o: UInt64) throws(ProfileError) -> (Section, UInt64) {
        let name = UInt64(try view.u32(o))
        if is64 {
            return (Section(name: "", type: try view.u32(o + 4), flags: try view.u64(o + 8), address: try view.u64(o + 16),
                            offset: try view.u64(o + 24), size: try view.u64(o + 32), link: try view.u32(o + 40),
                            entrySize: try view.u64(o + 56)), name)
        }
        return (Section(name: "", type: try view.u32(o + 4), flags: UInt64(try view.u32(o + 8)),
                        address: UInt64(try view.u32(o + 12)), offset: UInt64(try view.u32(o + 16)),
                        size: UInt64(try view.u32(o + 20)), link: try view.u32(o + 24),
                        entrySize: UInt64(try view.u32(o + 36))), name)
    }

    /// The file range of a section's bytes; nil when it has none in the file
    /// or they would lie outside it.
    func data(of s: Section) -> (offset: UInt64, end: Int)? {
        guard s.hasBytes, view.contains(s.offset, s.size) else { return nil }
        return (s.offset, Int(s.offset + s.size))
    }

    /// The first section named `name`, nil if none.
    public func section(named name: String) -> Section? {
        sections.first { $0.name == name }
    }

    /// The file offset holding `count` bytes at virtual address `address`,
    /// from the `PT_LOAD` segments (else the sections, for files without
    /// program headers); nil when no segment holds them in the file.
    func fileOffset(ofAddress address: UInt64, count: UInt64 = 1) -> UInt64? {
        for s in segments where s.isLoad && address >= s.address && address - s.address < s.fileSize {
            let delta = address - s.address
            guard count <= s.fileSize - delta else { return nil }
            return s.offset + delta
        }
        if segments.isEmpty {
            for s in sections where s.hasBytes && s.address != 0 && address >= s.address && address - s.address < s.size {
                let delta = address - s.address
                guard count <= s.size - delta else { return nil }
                return s.offset + delta
            }
        }
        return nil
    }

    /// The virtual address that file offset `offset` is loaded at, from the
    /// `PT_LOAD` segment holding it.
    public func address(ofFileOffset offset: UInt64) -> UInt64? {
        for s in segments where s.isLoad && offset >= s.offset && offset - s.offset < max(s.fileSize, 1) {
            return s.address &+ (offset - s.offset)
        }
        return nil
    }

    /// The notes of `SHT_NOTE` sections, else of `PT_NOTE` segments (a file
    /// whose section headers were removed keeps those).
    private mutating func readBuildIDs() {
        var ranges: [(UInt64, UInt64)] = sections.filter { $0.type == 7 }.map { ($0.offset, $0.size) }
        if ranges.isEmpty { ranges = segments.filter { $0.type == 4 }.map { ($0.offset, $0.fileSize) } }
        for (offset, size) in ranges where view.contains(offset, size) {
            var o = offset
            let end = offset + size
            while end - o >= 12 {
                guard let namesz = try? UInt64(view.u32(o)), let descsz = try? UInt64(view.u32(o + 4)),
                      let kind = try? view.u32(o + 8) else { break }
                let nameAt = o + 12
                let descAt = nameAt + (namesz + 3) / 4 * 4
                guard namesz <= size, descsz <= size, descAt <= end, descsz <= end - descAt else { break }
                let name = view.cString(nameAt, limit: Int(nameAt + namesz)) ?? ""
                if let desc = try? view.slice(descAt, descsz, "a note") {
                    if name == "GNU" && kind == 3 {
                        gnuBuildID = desc.map { String($0, radix: 16).leftPadded(2) }.joined()
                    } else if name == "Go" && kind == 4 {
                        goBuildID = String(decoding: desc, as: UTF8.self)
                    }
                }
                o = descAt + (descsz + 3) / 4 * 4
            }
        }
    }
}

extension String {
    func leftPadded(_ n: Int) -> String {
        count >= n ? self : String(repeating: "0", count: n - count) + self
    }
}
