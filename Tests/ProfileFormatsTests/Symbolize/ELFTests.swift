import ProfileCore
@testable import ProfileFormats
import Testing

@Suite("ELF reader")
struct ELFTests {
    @Test("every class and byte order: symbols answer with name, start and size; sizeless ones reach the next",
          arguments: [(true, false), (true, true), (false, false), (false, true)])
    func classesAndByteOrders(is64: Bool, bigEndian: Bool) throws {
        var synthetic = SyntheticELF(is64: is64, bigEndian: bigEndian)
        synthetic.functions = [("alpha", 0x10100, 0x20), ("beta", 0x10140, 0), ("gamma", 0x10180, 0x10)]
        let elf = try ELFFile(synthetic.bytes())
        #expect(elf.is64 == is64 && elf.bigEndian == bigEndian)
        #expect(elf.sections.map(\.name) == ["", ".text", ".strtab", ".symtab", ".shstrtab"])
        #expect(elf.segments.count == 1 && elf.segments[0].isLoad && elf.segments[0].isExecutable)
        let symbols = try ELFSymbols(elf)
        #expect(symbols.source == ".symtab")
        #expect(symbols.lookup(0x10100) == ELFSymbols.Symbol(name: "alpha", start: 0x10100, size: 0x20))
        #expect(symbols.lookup(0x1011F)?.name == "alpha")
        #expect(symbols.lookup(0x10120) == nil, "past alpha's size, before beta")
        #expect(symbols.lookup(0x1017F)?.name == "beta", "sizeless: up to the next symbol")
        #expect(symbols.lookup(0x1018F)?.name == "gamma")
        #expect(symbols.lookup(0x10190) == nil)
        #expect(symbols.lookup(0xFF) == nil)
        #expect(elf.fileOffset(ofAddress: 0x10100) == 0x100)
        #expect(elf.address(ofFileOffset: 0x100) == 0x10100)
    }

    @Test("a stripped Go build: 64-bit little-endian ET_EXEC, its Go build ID as `go tool buildid` prints it, and .gopclntab")
    func goBinary() throws {
        let elf = try ELFFile(Fixture.bytes("symbolize/blocked"))
        #expect(elf.is64 && !elf.bigEndian && elf.type == 2 && elf.machine == 62)
        #expect(elf.goBuildID == "nZVUtBiYxAoOaAV46dyf/VZSNUah61BaNqp7TS1gI/5n4CytjPTG0oUkg_PGmn/HxwLOVuNUid1SrRJwkqK")
        #expect(elf.gnuBuildID == nil)
        #expect(elf.section(named: ".gopclntab") != nil)
        #expect(elf.section(named: ".symtab") == nil, "-ldflags='-s -w' removes the symbol table")
        #expect(try ELFSymbols(elf).isEmpty)
    }

    @Test("a gcc build: the GNU build ID in hex, as readelf -n prints it, and functions from .symtab; stripped, none is left")
    func cBinary() throws {
        let elf = try ELFFile(Fixture.bytes("fuzz-seeds/elf/tiny-c"))
        #expect(elf.gnuBuildID == "d53f164b36b4ecd7c042fd395368c0af2f7c2887")
        #expect(elf.isPositionIndependent)
        let symbols = try ELFSymbols(elf)
        let compute = try #require(symbols.symbols.first { $0.name == "compute" })
        #expect(symbols.lookup(compute.start + compute.size - 1)?.name == "compute")
        #expect(symbols.symbols.contains { $0.name == "main" })
        let stripped = try ELFFile(Fixture.bytes("fuzz-seeds/elf/tiny-c-stripped"))
        #expect(try ELFSymbols(stripped).isEmpty, "its .dynsym holds only undefined imports")
        #expect(throws: ProfileError.self) { try SymbolBinary(path: "tiny-c-stripped", bytes: Fixture.bytes("fuzz-seeds/elf/tiny-c-stripped")) }
    }

    @Test("not ELF, or cut off: one error at a byte offset")
    func badHeaders() throws {
        #expect(throws: ProfileError.atByte(0, "not an ELF file (no \\x7fELF magic)")
            .hinting(.symbolBinary, remedy: "a symbol binary is an executable or shared library")) {
            try ELFFile(Array("goroutine profile: total 1\n".utf8))
        }
        var synthetic = SyntheticELF()
        synthetic.functions = [("f", 0x10100, 4)]
        let bytes = synthetic.bytes()
        let error = #expect(throws: ProfileError.self) { try ELFFile(Array(bytes.prefix(bytes.count - 10))) }
        #expect(error?.message.contains("section headers") == true)
        #expect(error?.place == .byte(bytes.count - 5 * 64))
    }

    @Test("a cut-off copy is refused as cut off, not as a file without symbols")
    func cutOff() throws {
        let bytes = try Fixture.bytes("symbolize/blocked")
        #expect(throws: ProfileError.atByte(3000, "the ELF file is cut off: section #1 (772076 bytes at byte 4096) reaches past its end; copy the whole binary")) {
            try ELFFile(Array(bytes.prefix(3000)))
        }
        #expect(throws: ProfileError.atByte(1_500_000, "the ELF file is cut off: section .gopclntab (479168 bytes at byte 1084032) reaches past its end; copy the whole binary")) {
            try ELFFile(Array(bytes.prefix(1_500_000)))
        }
    }

    @Test("every prefix and many corruptions of a real binary are read or refused, never a trap")
    func hostileBytes() throws {
        let bytes = try Fixture.bytes("fuzz-seeds/elf/tiny-c")
        for n in stride(from: 0, to: bytes.count, by: 61) {
            if let elf = try? ELFFile(Array(bytes.prefix(n))) { _ = try? ELFSymbols(elf) }
        }
        var seed: UInt64 = 1
        for _ in 0..<300 {
            var copy = bytes
            for _ in 0..<8 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                copy[Int(seed >> 33) % min(copy.count, 4096)] = UInt8(truncatingIfNeeded: seed >> 13)
            }
            if let elf = try? ELFFile(copy), let s = try? ELFSymbols(elf) { _ = s.lookup(0x1139) }
        }
    }
}
