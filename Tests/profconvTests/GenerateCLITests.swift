import Foundation
import Testing

@Suite("profconv generate (hidden benchmark inputs)")
struct GenerateCLITests {
    @Test("a goroutine dump is the same bytes on every run")
    func goroutinesAreDeterministic() throws {
        let a = try CLI.run(["generate", "--kind", "goroutines", "--size", "small"])
        let b = try CLI.run(["generate", "--kind", "goroutines", "--size", "small"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.text.hasPrefix("goroutine ") && a.text.contains("\ncreated by "))
    }

    @Test("a mixed directory holds --count files, whose pprof and folded ones read back")
    func mixedDirectory() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["generate", "--kind", "mixed-dir", "--count", "8", "-o", dir + "/corpus"])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/corpus").sorted()
        #expect(names.count == 8)
        #expect(names.contains("p0001.pb.gz") && names.contains("p0002.folded") && names.contains("p0003.goroutines.txt"))
        for name in names where name.hasSuffix(".pb.gz") || name.hasSuffix(".folded") {
            let back = try CLI.run(["convert", dir + "/corpus/" + name, "--to", "folded"])
            #expect(back.status == 0, "\(name): \(back.stderr)")
            #expect(!back.stdout.isEmpty)
        }
    }

    @Test("mixed-dir refuses standard output")
    func mixedDirNeedsDirectory() throws {
        let r = try CLI.run(["generate", "--kind", "mixed-dir"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("mixed-dir needs an output directory"))
    }
}
