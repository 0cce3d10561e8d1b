import ProfileCore

/// Finds Go's tables in an ELF file, also when its symbols are stripped:
/// - the pclntab is the `.gopclntab` section, else (section headers gone) a
///   pclntab header found by its magic in a read-only `PT_LOAD` segment;
/// - `runtime.firstmoduledata` is found in the writable data by its first
///   two words, which point at the pclntab and its name table; its
///   `gofunc` word (the 39th in Go 1.18/1.19's `moduledata`) is the base of
///   FUNCDATA, which holds the inlining trees.
enum GoModuleData {
    /// The pclntab, with inlining when the module data is found; nil for a
    /// file with no Go table.
    static func pclntab(_ elf: ELFFile) throws(ProfileError) -> GoPCLNTab? {
        guard let (offset, size, address) = locate(elf) else { return nil }
        var table = try GoPCLNTab(elf: elf, offset: offset, size: size)
        if let address { table.goFunc = goFunc(elf, pclntab: address, table: table) }
        return table
    }

    /// File offset, size and virtual address of the pclntab.
    private static func locate(_ elf: ELFFile) -> (UInt64, UInt64, UInt64?)? {
        if let s = elf.section(named: ".gopclntab"), let d = elf.data(of: s) {
            return (d.offset, s.size, s.address == 0 ? nil : s.address)
        }
        let v = elf.view
        let step = UInt64(elf.pointerSize)
        for seg in elf.segments where seg.isLoad && !seg.isWritable && v.contains(seg.offset, seg.fileSize) {
            var o = seg.offset
            let end = seg.offset + seg.fileSize
            while o + 16 <= end {
                if let m = try? v.u32(o), m & 0xFFFF_FFF0 == 0xFFFF_FFF0 || m == 0xFFFF_FFFA || m == 0xFFFF_FFFB,
                   (try? v.u16(o + 4)) == 0, let lc = try? v.u8(o + 6), [1, 2, 4].contains(lc),
                   (try? v.u8(o + 7)) == UInt8(elf.pointerSize) {
                    return (o, end - o, seg.address + (o - seg.offset))
                }
                o += step
            }
        }
        return nil
    }

    /// `moduledata.gofunc`, from the module data whose `pcHeader` is at
    /// `pclntab` and whose `funcnametab` starts where the header says.
    private static func goFunc(_ elf: ELFFile, pclntab: UInt64, table: GoPCLNTab) -> UInt64? {
        let ptr = elf.pointerSize
        let step = UInt64(ptr)
        let names = pclntab &+ (table.funcNames - table.base)
        var ranges: [(UInt64, UInt64)] = []
        if let s = elf.section(named: ".noptrdata"), let d = elf.data(of: s) { ranges.append((d.offset, UInt64(d.end))) }
        for seg in elf.segments where seg.isLoad && seg.isWritable { ranges.append((seg.offset, seg.offset + seg.fileSize)) }
        let v = elf.view
        for (start, end) in ranges where v.contains(start, end - start) {
            var o = (start + step - 1) / step * step
            while o + 39 * step <= end {
                if (try? v.uint(o, ptr)) == pclntab, (try? v.uint(o + step, ptr)) == names,
                   (try? v.uint(o + 22 * step, ptr)) == table.textStart,
                   let goFunc = try? v.uint(o + 38 * step, ptr) {
                    return goFunc
                }
                o += step
            }
        }
        return nil
    }
}
