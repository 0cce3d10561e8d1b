import ProfileCore
@testable import ProfileFormats
import Testing

/// The `#` lines of a debug=1 goroutine profile are the runtime's own
/// symbolization of its PCs: the reference for the pclntab reader.
private func runtimeFrameLines() throws -> [(pc: UInt64, function: String, file: String, line: Int64)] {
    let text = String(decoding: try Fixture.bytes("symbolize/goroutine.debug1.txt"), as: UTF8.self)
    return text.split(separator: "\n").filter { $0.hasPrefix("#\t") }.map { line in
        let fields = line.split(separator: "\t").filter { !$0.isEmpty }
        let name = fields[2].split(separator: "+").dropLast().joined(separator: "+")
        let place = fields[3].split(separator: ":")
        return (UInt64(fields[1].dropFirst(2), radix: 16)!, name, String(place[0]), Int64(place[1])!)
    }
}

@Suite("Go pclntab reader")
struct GoPCLNTabTests {
    static let blocked = "symbolize/blocked"

    @Test("a stripped Go 1.19 build names every PC of its debug=1 profile as the runtime did: function, file and line")
    func matchesTheRuntime() throws {
        let binary = try SymbolBinary(path: "blocked", bytes: Fixture.bytes(Self.blocked))
        let table = try #require(binary.pclntab)
        #expect(table.hasInlining)
        #expect(binary.notes.isEmpty)
        let lines = try runtimeFrameLines()
        #expect(lines.count == 19)
        for l in lines {
            let frame = try #require(try binary.frames(at: l.pc)?.first)
            #expect(frame == GoPCLNTab.Frame(function: l.function, file: l.file, line: l.line), "at 0x\(String(l.pc, radix: 16))")
        }
    }

    @Test("an inlined call expands into the callee then the caller, each at its own line")
    func inlining() throws {
        let binary = try SymbolBinary(path: "blocked", bytes: Fixture.bytes(Self.blocked))
        // The return address in semacquire1 of its inlined goparkunlock's call to gopark.
        #expect(try binary.frames(at: 0x447FBD) == [
            GoPCLNTab.Frame(function: "runtime.goparkunlock", file: "runtime/proc.go", line: 369),
            GoPCLNTab.Frame(function: "runtime.semacquire1", file: "runtime/sema.go", line: 150),
        ])
        #expect(try binary.frames(at: 0x3FFFFF) == nil, "below the text")
    }

    @Test("with the section headers removed, the pclntab and the module data are found by their contents")
    func withoutSectionHeaders() throws {
        var bytes = try Fixture.bytes(Self.blocked)
        for k in 40..<48 { bytes[k] = 0 }  // e_shoff
        bytes[60] = 0; bytes[61] = 0       // e_shnum
        let elf = try ELFFile(bytes)
        #expect(elf.sections.isEmpty && elf.goBuildID != nil, "the build ID note is read from PT_NOTE")
        let binary = try SymbolBinary(path: "blocked", bytes: bytes)
        #expect(binary.pclntab?.hasInlining == true)
        #expect(try binary.frames(at: 0x447FBD)?.map(\.function) == ["runtime.goparkunlock", "runtime.semacquire1"])
    }

    @Test("other pclntab versions are refused by name",
          arguments: [(UInt32(0xFFFF_FFF1), "Go 1.20 or newer"), (0xFFFF_FFFA, "Go 1.16 or 1.17"), (0xFFFF_FFFB, "Go 1.2 to 1.15")])
    func otherVersions(magic: UInt32, version: String) throws {
        var bytes = try Fixture.bytes(Self.blocked)
        let at = Int(try #require(ELFFile(bytes).section(named: ".gopclntab")).offset)
        for k in 0..<4 { bytes[at + k] = UInt8(truncatingIfNeeded: magic >> (8 * UInt32(k))) }
        let error = #expect(throws: ProfileError.self) { try SymbolBinary(path: "blocked", bytes: bytes) }
        #expect(error?.message == "the Go pclntab is from \(version) (magic 0x\(String(magic, radix: 16))); profconv reads the pclntab of Go 1.18 and 1.19 only")
        #expect(error?.file == "blocked" && error?.place == .byte(at))
    }

    @Test("corrupt tables are read or refused, never a trap")
    func corruption() throws {
        let bytes = try Fixture.bytes(Self.blocked)
        let section = try #require(ELFFile(bytes).section(named: ".gopclntab"))
        let lines = try runtimeFrameLines()
        var seed: UInt64 = 7
        for round in 0..<60 {
            var copy = bytes
            // The header in the first rounds, then anywhere in the table.
            let span = round < 20 ? 72 : Int(section.size)
            for _ in 0..<16 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                copy[Int(section.offset) + Int(seed >> 33) % span] = UInt8(truncatingIfNeeded: seed >> 13)
            }
            guard let binary = try? SymbolBinary(path: "x", bytes: copy) else { continue }
            for l in lines { _ = try? binary.frames(at: l.pc) }
        }
    }
}
