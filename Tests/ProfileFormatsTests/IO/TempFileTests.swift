#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileFormats
import ProfileTestSupport
import Testing

/// Outputs are written beside their target and moved over it whole; what
/// that leaves in the directory, and which names it allows.
@Suite("temp files of outputs")
struct TempFileTests {
    private func entries(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    @Test("an output named with 250 bytes is written: the temp name does not grow with it")
    func longName() throws {
        let dir = try TemporaryDirectory.make()
        let name = String(repeating: "n", count: 243) + ".folded"
        #expect(name.utf8.count == 250)
        _ = try ProfileOutput(path: dir + "/" + name).write { try $0.write("main;f 1\n") }
        #expect(try entries(dir) == [name])
    }

    @Test("while an output is being written, its directory holds no new name (O_TMPFILE)")
    func namelessWhileWriting() throws {
        let dir = try TemporaryDirectory.make()
        var during: [String] = []
        _ = try ProfileOutput(path: dir + "/out.folded").write { sink in
            try sink.write("main;f 1\n")
            during = try entries(dir)
        }
        #expect(during == [])
        #expect(try entries(dir) == ["out.folded"])
    }

    @Test("a named temp file of a process that is gone, a minute old, is removed by the next output there; others stay")
    func staleTempFiles() throws {
        let dir = try TemporaryDirectory.make()
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = ".profconv-\(gone.processIdentifier)-Ab12Cd"
        let fresh = ".profconv-\(gone.processIdentifier)-Ef34Gh"
        let living = ".profconv-\(getppid())-Ij56Kl"
        let foreign = ".profconv-notes"
        for name in [stale, fresh, living, foreign] {
            FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("x".utf8))
        }
        let old = Date(timeIntervalSinceNow: -3600)
        for name in [stale, living, foreign] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: dir + "/" + name)
        }
        _ = try ProfileOutput(path: dir + "/out.folded").write { try $0.write("main;f 1\n") }
        #expect(try entries(dir) == [fresh, foreign, living, "out.folded"].sorted())
    }
}
