#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileFormats
import Testing

/// The mode of committed outputs. The umask belongs to the process, so these
/// tests run one at a time and put the umask back; other suites create files
/// meanwhile, but none of them checks a mode.
@Suite("output file modes", .serialized)
struct OutputModeTests {
    /// Commits `count` outputs on 16 threads at once (more than the cores,
    /// as `batch --jobs 16` does), under `mask`; the modes of the files, and
    /// the umask afterwards.
    private func commitConcurrently(_ count: Int, under mask: mode_t) throws -> (modes: Set<mode_t>, maskAfter: mode_t) {
        var template = Array("/tmp/profconv-modes-XXXXXX".utf8CString)
        let root = String(cString: template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!)! })
        let previous = umask(mask)
        defer { umask(previous) }
        let threads = 16
        let finished = DispatchSemaphore(value: 0)
        for t in 0..<threads {
            Thread {
                for i in stride(from: t, to: count, by: threads) {
                    var output = ProfileOutput(path: "\(root)/out\(i).folded")
                    output.syncOnCommit = false
                    _ = try? output.write { try $0.write("main;f 1\n") }
                }
                finished.signal()
            }.start()
        }
        for _ in 0..<threads { finished.wait() }
        let maskAfter = umask(mask)
        var modes = Set<mode_t>()
        for i in 0..<count {
            var st = stat()
            if stat("\(root)/out\(i).folded", &st) == 0 { modes.insert(st.st_mode & 0o777) } else { modes.insert(0) }
            unlink("\(root)/out\(i).folded")
        }
        rmdir(root)
        return (modes, maskAfter)
    }

    @Test("under umask 077 every output of concurrent commits is 0600, and the umask stays 077")
    func privateMask() throws {
        let result = try commitConcurrently(2000, under: 0o077)
        #expect(result.modes == [0o600])
        #expect(result.maskAfter == 0o077)
    }

    @Test("under umask 022 every output is 0644")
    func usualMask() throws {
        let result = try commitConcurrently(100, under: 0o022)
        #expect(result.modes == [0o644])
    }

    @Test("under umask 002 outputs are group-writable, as other new files are")
    func groupMask() throws {
        let result = try commitConcurrently(20, under: 0o002)
        #expect(result.modes == [0o664])
    }

    @Test("no temp file is left beside the outputs")
    func noTempFilesLeft() throws {
        var template = Array("/tmp/profconv-modes-XXXXXX".utf8CString)
        let root = String(cString: template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!)! })
        _ = try ProfileOutput(path: "\(root)/a.folded").write { try $0.write("main 1\n") }
        let dir = opendir(root)!
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        for n in names { unlink("\(root)/\(n)") }
        rmdir(root)
        #expect(names == ["a.folded"])
    }
}
