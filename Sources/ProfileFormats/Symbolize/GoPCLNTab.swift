import ProfileCore

/// Go's function table (`runtime.pclntab`, the `.gopclntab` section) in the
/// layout of Go 1.18 and 1.19 (magic `0xfffffff0`): function names, entry
/// addresses, `file:line` per PC, and, with the module's `go.func.*` base
/// (`GoModuleData`), the inlining tree. It survives `-ldflags='-s -w'`,
/// which removes only the ELF symbol table and DWARF.
///
/// Older (1.2–1.16) and newer (1.20+: `0xfffffff1`, whose `_func` and
/// inlining records changed) tables are refused by name: reading them with
/// this layout would give wrong names, not fewer.
public struct GoPCLNTab {
    /// One frame of a PC: the function, and the source position in it.
    public struct Frame: Equatable {
        /// The function's name, e.g. `main.(*T).run`.
        public var function: String
        /// The source file's path as the compiler recorded it.
        public var file: String
        /// The line number.
        public var line: Int64
    }

    /// The magic of the one pclntab layout read, Go 1.18 and 1.19's; others are refused.
    public static let go118Magic: UInt32 = 0xFFFF_FFF0

    let view: ByteView
    /// File offset of the header and end of the table.
    let base: UInt64
    let end: UInt64
    /// The target's pointer size, 4 or 8.
    public let pointerSize: Int
    let quantum: UInt64
    /// The address the table's PC offsets count from.
    public let textStart: UInt64
    let funcNames: UInt64, cuTable: UInt64, fileTable: UInt64, pcTable: UInt64, funcTable: UInt64
    /// Function entries relative to `textStart`, `count + 1` of them (the
    /// last is the end of the text), and their `_func` offsets.
    private var entries: [UInt32] = []
    private var funcOffsets: [UInt32] = []
    /// Where `go.func.*` (FUNCDATA) lives, to find inlining trees; nil
    /// without it (then inlined calls show as their outermost function).
    var goFunc: UInt64?
    private let elf: ELFFile

    /// The number of functions in the table.
    public var count: Int { funcOffsets.count }
    /// Whether the binary records inlining, so PCs expand to inlined frames.
    public var hasInlining: Bool { goFunc != nil }

    /// The table at file offset `offset` (`size` bytes) of `elf`.
    init(elf: ELFFile, offset: UInt64, size: UInt64) throws(ProfileError) {
        self.elf = elf
        view = elf.view
        base = offset
        end = offset + size
        let magic = try view.u32(offset, "the Go pclntab header")
        guard magic == Self.go118Magic else { throw ProfileError.atByte(Int(offset), Self.unsupported(magic)) }
        let minLC = try view.u8(offset + 6, "the Go pclntab header")
        let ptr = Int(try view.u8(offset + 7, "the Go pclntab header"))
        guard ptr == 4 || ptr == 8, [1, 2, 4].contains(minLC) else {
            throw ProfileError.atByte(Int(offset) + 6, "the Go pclntab header is corrupt (instruction size \(minLC), pointer size \(ptr))")
        }
        pointerSize = ptr
        quantum = UInt64(minLC)
        func word(_ k: UInt64) throws(ProfileError) -> UInt64 { try elf.view.uint(offset + 8 + k * UInt64(ptr), ptr, "the Go pclntab header") }
        let nfunc = try word(0)
        textStart = try word(2)
        let offsets = [try word(3), try word(4), try word(5), try word(6), try word(7)]
        for o in offsets where o >= size {
            throw ProfileError.atByte(Int(offset), "the Go pclntab header points past the table (offset \(o) of \(size) bytes): the binary is corrupt")
        }
        (funcNames, cuTable, fileTable, pcTable, funcTable) = (offset + offsets[0], offset + offsets[1], offset + offsets[2], offset + offsets[3], offset + offsets[4])
        guard nfunc < size / 8, view.contains(funcTable, (nfunc + 1) * 8), funcTable + (nfunc + 1) * 8 <= end else {
            throw ProfileError.atByte(Int(funcTable), "the Go function table (\(nfunc) functions) runs past the pclntab")
        }
        entries.reserveCapacity(Int(nfunc) + 1)
        funcOffsets.reserveCapacity(Int(nfunc))
        for k in 0...nfunc {
            let e = try view.u32(funcTable + k * 8)
            if let last = entries.last, e < last {
                throw ProfileError.atByte(Int(funcTable + k * 8), "the Go function table is not sorted by address: the binary is corrupt")
            }
            entries.append(e)
            if k < nfunc { funcOffsets.append(try view.u32(funcTable + k * 8 + 4)) }
        }
    }

    static func unsupported(_ magic: UInt32) -> String {
        let version: String
        switch magic {
        case 0xFFFF_FFF1: version = "Go 1.20 or newer"
        case 0xFFFF_FFFA: version = "Go 1.16 or 1.17"
        case 0xFFFF_FFFB: version = "Go 1.2 to 1.15"
        default: version = "an unknown Go version"
        }
        return "the Go pclntab is from \(version) (magic 0x\(String(magic, radix: 16))); profconv reads the pclntab of Go 1.18 and 1.19 only"
    }

    /// The entry address of function `index` (`0 ..< count`), in address order.
    public func entry(_ index: Int) -> UInt64 { textStart &+ UInt64(entries[index]) }

    /// Index of the function whose code holds `pc`.
    func functionIndex(_ pc: UInt64) -> Int? {
        guard pc >= textStart, pc - textStart < UInt64(UInt32.max), let last = entries.last else { return nil }
        let off = UInt32(pc - textStart)
        guard off < last else { return nil }
        var lo = 0, hi = funcOffsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid] <= off { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? lo - 1 : nil
    }

    /// A `_func` record (Go 1.18/1.19: 40 bytes, then `npcdata` and `nfuncdata` words).
    struct Func {
        var at: UInt64
        var entry: UInt64
        var nameOffset: UInt64
        var pcfile: UInt32, pcln: UInt32, npcdata: UInt32, cuOffset: UInt32
        var nfuncdata: UInt8
    }

    func function(_ index: Int) throws(ProfileError) -> Func {
        let at = funcTable + UInt64(funcOffsets[index])
        guard at + 40 <= end else { throw ProfileError.atByte(Int(clamping: at), "a Go function record lies outside the pclntab") }
        return Func(at: at, entry: textStart &+ UInt64(try view.u32(at)), nameOffset: UInt64(try view.u32(at + 4)),
                    pcfile: try view.u32(at + 20), pcln: try view.u32(at + 24), npcdata: try view.u32(at + 28),
                    cuOffset: try view.u32(at + 32), nfuncdata: try view.u8(at + 39))
    }

    /// The name at `offset` in the function name table.
    func name(_ offset: UInt64) -> String {
        guard funcNames + offset < end else { return "?" }
        return view.cString(funcNames + offset, limit: Int(end)) ?? "?"
    }

    /// The name of the function holding `pc`, ignoring inlining.
    public func functionName(at pc: UInt64) -> String? {
        guard let i = functionIndex(pc), let f = try? function(i) else { return nil }
        return name(f.nameOffset)
    }

    /// The frames of `pc`, innermost inlined call first and the physical
    /// function last, as the runtime's traceback expands them; nil when no
    /// function holds `pc`.
    public func frames(at pc: UInt64) throws(ProfileError) -> [Frame]? {
        guard let i = functionIndex(pc) else { return nil }
        let f = try function(i)
        let tree = try inliningTree(f)
        var frames: [Frame] = []
        var target = pc
        // Each step moves to the caller's call site; a corrupt tree could
        // loop, so the depth is bounded by the tree's size.
        for _ in 0..<256 {
            let (file, line) = try position(f, target)
            if let tree, let ix = try value(pcdata(f, 2), f.entry, target), ix >= 0 {
                let call = try tree.call(Int(ix))
                frames.append(Frame(function: name(call.nameOffset), file: file, line: line))
                target = f.entry &+ UInt64(truncatingIfNeeded: call.parentPC)
                continue
            }
            frames.append(Frame(function: name(f.nameOffset), file: file, line: line))
            return frames
        }
        throw ProfileError.atByte(Int(clamping: f.at), "the inlining tree of \(name(f.nameOffset)) loops: the binary is corrupt")
    }

    /// The file and line of `pc` in function `f`: `?` and 0 when the tables have none.
    func position(_ f: Func, _ pc: UInt64) throws(ProfileError) -> (String, Int64) {
        guard let fileIndex = try value(f.pcfile, f.entry, pc), fileIndex >= 0,
              let line = try value(f.pcln, f.entry, pc) else { return ("?", 0) }
        let slot = cuTable + (UInt64(f.cuOffset) + UInt64(fileIndex)) * 4
        guard slot + 4 <= end, let fileOffset = try? view.u32(slot), fileOffset != .max,
              fileTable + UInt64(fileOffset) < end else { return ("?", Int64(line)) }
        return (view.cString(fileTable + UInt64(fileOffset), limit: Int(end)) ?? "?", Int64(line))
    }

    /// The `PCDATA` table offset number `k` of `f`, 0 (none) when absent.
    func pcdata(_ f: Func, _ k: UInt32) throws(ProfileError) -> UInt32 {
        guard k < f.npcdata else { return 0 }
        return try view.u32(f.at + 40 + UInt64(k) * 4, "a Go PCDATA offset")
    }

    /// The value of the pc-value table at `offset` for `target` (the
    /// runtime's `pcvalue`): deltas of (zig-zag value, pc / quantum) pairs
    /// from `entry`, each value holding until the pc it advances to; nil for
    /// no table or a pc past its end.
    func value(_ offset: UInt32, _ entry: UInt64, _ target: UInt64) throws(ProfileError) -> Int32? {
        guard offset != 0 else { return nil }
        var p = pcTable + UInt64(offset)
        var pc = entry
        var val: Int32 = -1
        var first = true
        while p < end {
            let uvdelta = try varint(&p)
            if uvdelta == 0 && !first { return nil }
            first = false
            val = val &+ Int32(bitPattern: (uvdelta >> 1) ^ (0 &- (uvdelta & 1)))
            let pcdelta = try varint(&p)
            pc = pc &+ UInt64(pcdelta) &* quantum
            if target < pc { return val }
        }
        return nil
    }

    private func varint(_ p: inout UInt64) throws(ProfileError) -> UInt32 {
        var v: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            guard p < end else { throw ProfileError.atByte(Int(clamping: p), "a Go pc-value table runs past the pclntab") }
            let b = try view.u8(p)
            p += 1
            if shift < 32 { v |= UInt32(b & 0x7F) << shift }
            if b & 0x80 == 0 { return v }
            shift += 7
            guard shift < 35 else { throw ProfileError.atByte(Int(clamping: p), "an overlong varint in a Go pc-value table") }
        }
    }

    /// `FUNCDATA_InlTree` of `f`: an array of 20-byte `inlinedCall` records in `go.func.*`.
    func inliningTree(_ f: Func) throws(ProfileError) -> InliningTree? {
        guard let goFunc, f.nfuncdata > 3 else { return nil }
        let slot = f.at + 40 + UInt64(f.npcdata) * 4 + 3 * 4
        guard slot + 4 <= end else { return nil }
        let off = try view.u32(slot, "a Go FUNCDATA offset")
        guard off != .max, let at = elf.fileOffset(ofAddress: goFunc &+ UInt64(off), count: 20) else { return nil }
        return InliningTree(view: view, at: at)
    }

    struct InliningTree {
        let view: ByteView
        let at: UInt64
        struct Call { var nameOffset: UInt64; var parentPC: Int32 }
        func call(_ ix: Int) throws(ProfileError) -> Call {
            let o = at + UInt64(ix) * 20
            return Call(nameOffset: UInt64(try view.u32(o + 12, "a Go inlining record")),
                        parentPC: Int32(bitPattern: try view.u32(o + 16, "a Go inlining record")))
        }
    }
}
