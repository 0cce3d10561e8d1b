import ProfileCore

/// One `--binary`: an ELF file and what names its addresses, Go's pclntab
/// first (it has lines and inlining, and survives stripping), else the ELF
/// function symbols (names only).
public struct SymbolBinary {
    /// The path the binary was read from.
    public let path: String
    /// The parsed ELF file.
    public let elf: ELFFile
    /// The Go line table, nil for a non-Go binary or a refused version.
    public let pclntab: GoPCLNTab?
    /// The ELF function symbols, the fallback without a pclntab.
    public let symbols: ELFSymbols
    /// Findings worth telling the user (a refused pclntab version, no inlining).
    public private(set) var notes: [String] = []

    /// Parses the binary in `bytes`; throws when it is no usable ELF file.
    public init(path: String, bytes: [UInt8]) throws(ProfileError) {
        self.path = path
        do throws(ProfileError) {
            elf = try ELFFile(bytes)
            symbols = try ELFSymbols(elf)
            var table: GoPCLNTab?
            do throws(ProfileError) {
                table = try GoModuleData.pclntab(elf)
            } catch {
                // A pclntab that cannot be read leaves the ELF symbols, if any.
                guard !symbols.isEmpty else { throw error }
                notes.append("\(error.message); naming functions from \(symbols.source) instead, without lines")
            }
            if let table, !table.hasInlining {
                notes.append("the Go module data was not found, so inlined calls show as the function they were inlined into")
            }
            pclntab = table
        } catch {
            throw error.inFile(path)
        }
        guard pclntab != nil || !symbols.isEmpty else {
            throw ProfileError("\(path) has no symbols to name addresses with (no .symtab, .dynsym or Go pclntab); pass the unstripped build")
        }
    }

    /// The build IDs a mapping may carry for this file.
    public var buildIDs: [String] { [elf.goBuildID, elf.gnuBuildID].compactMap { $0 } }

    /// The frames at file virtual address `address`, innermost inlined call
    /// first; nil when no function holds it.
    public func frames(at address: UInt64) throws(ProfileError) -> [GoPCLNTab.Frame]? {
        if let pclntab, let f = try pclntab.frames(at: address) { return f }
        if let s = symbols.lookup(address) { return [GoPCLNTab.Frame(function: s.name, file: "", line: 0)] }
        return nil
    }

    /// The name of the physical function at `address` (no inlining), for the match check.
    func functionName(at address: UInt64) -> String? {
        if let pclntab, let n = pclntab.functionName(at: address) { return n }
        return symbols.lookup(address)?.name
    }

    /// The file virtual address of runtime address `address` in `mapping`,
    /// as pprof computes it: an `ET_EXEC` file runs at its link addresses;
    /// a position-independent one is placed by the mapping (runtime address
    /// → file offset → the address the `PT_LOAD` segment links it at). A
    /// profile without mappings (Go `debug=1`) has the addresses the
    /// process ran at, which are file addresses for non-PIE Go builds, the
    /// default on Linux.
    public func fileAddress(_ address: UInt64, in mapping: Mapping?) -> UInt64 {
        guard elf.isPositionIndependent, let m = mapping, m.memoryLimit > m.memoryStart,
              address >= m.memoryStart, address < m.memoryLimit else { return address }
        return elf.address(ofFileOffset: address - m.memoryStart + m.fileOffset) ?? address
    }

    /// The executable segment, for the mapping of a profile that has none.
    var textSegment: ELFFile.Segment? {
        elf.segments.first { $0.isLoad && $0.isExecutable }
    }

    var baseName: String { Substring(path).split(separator: "/").last.map(String.init) ?? path }
}
