import ProfileCore
import ProfileFormats

/// The `--binary` readers under libFuzzer: `elf` reads headers, notes and
/// symbol tables and looks addresses up; `pclntab` also reads Go's pclntab
/// and module data, expands the frames (inlining included) of a spread of
/// its functions, and symbolizes a small profile of those addresses, which must
/// round-trip through pprof. A
/// thrown ``ProfileError`` is fine; a trap, crash or hang is a bug.
enum BinaryFuzz {
    static let targets = ["elf", "pclntab"]

    static func run(_ bytes: [UInt8], target: String) {
        if target == "elf" { return elf(bytes) }
        pclntab(bytes)
    }

    static func elf(_ bytes: [UInt8]) {
        guard let file = try? ELFFile(bytes) else { return }
        _ = file.goBuildID
        _ = file.gnuBuildID
        for s in file.segments.prefix(64) { _ = file.address(ofFileOffset: s.offset) }
        guard let symbols = try? ELFSymbols(file) else { return }
        for s in symbols.symbols.prefix(1000) {
            _ = symbols.lookup(s.start)
            _ = symbols.lookup(s.start &+ s.size / 2)
            _ = symbols.lookup(s.start &- 1)
        }
    }

    static func pclntab(_ bytes: [UInt8]) {
        guard let binary = try? SymbolBinary(path: "fuzz", bytes: bytes) else { return }
        var addresses: [UInt64] = []
        if let table = binary.pclntab, table.count > 0 {
            let step = max(1, table.count / 100)
            for i in stride(from: 0, to: table.count, by: step) {
                let entry = table.entry(i)
                _ = try? binary.frames(at: entry)
                addresses.append(entry &+ 9)
            }
        }
        for a in addresses { _ = try? binary.frames(at: a) }
        // The whole symbolizer on those addresses, as a debug=1 reader leaves them.
        var builder = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        let locations = addresses.prefix(64).map { builder.location(lines: [], address: $0) }
        if !locations.isEmpty { builder.addSample(locations: Array(locations), value: 1) }
        // Only pprof is written back: the other writers (call-graph layout,
        // flame graphs) are fuzzed by the profile targets and would make this
        // one a hundred times slower.
        guard let (profile, _) = try? Symbolizer.symbolize(builder.build(), binaries: [binary]) else { return }
        var options = WriteOptions()
        options[PprofFormat.Options.self].compress = false
        let sink = ByteSink()
        do {
            try PprofFormat.write(profile, options: options, to: sink)
            _ = try FormatRegistry.read(sink.bytes, format: PprofFormat.self)
        } catch {
            fatalError("a symbolized profile does not round-trip through pprof: \(error)")
        }
    }
}
