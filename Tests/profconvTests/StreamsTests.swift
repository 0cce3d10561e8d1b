#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import profconv

/// Runs `command` (a shell line) with stdout and stderr on a pseudo-terminal,
/// via util-linux `script`; returns the exit status and what was shown.
func onTerminal(_ command: String) throws -> (status: Int32, screen: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    p.arguments = ["-qec", command, "/dev/null"]
    p.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
    let out = Pipe()
    p.standardOutput = out
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("standard input and output, terminals, URLs")
struct StreamsTests {
    @Test("a gzipped pprof on stdin converts as the same file does")
    func pprofOnStdin() throws {
        let path = CLI.fixture("go1.19/busy/cpu.pb.gz")
        // Launched: standard input is a real pipe, filled while profconv reads it.
        let piped = try CLI.launch(["convert", "-", "--to", "folded"], stdin: Data(contentsOf: URL(fileURLWithPath: path)))
        let direct = try CLI.run(["convert", path, "--to", "folded"])
        #expect(piped.status == 0)
        #expect(piped.text == direct.text)
        #expect(piped.text.contains("main.worker;"))
    }

    @Test("folded text on stdin becomes a pprof file that reads back the same")
    func foldedOnStdin() throws {
        let out = try CLI.tempDir() + "/x.pb.gz"
        let w = try CLI.run(["convert", "-", "-o", out], stdin: Data("main;a 3\nmain;b 4\n".utf8))
        #expect(w.status == 0)
        #expect(try CLI.run(["convert", out, "--to", "folded"]).text == "main;a 3\nmain;b 4\n")
    }

    @Test("folded text larger than the mapping threshold reads the same from stdin (read) as from its file (mapped)")
    func largeFoldedOnStdin() throws {
        var text = ""
        var i = 0
        while text.utf8.count < 3 << 20 { text += "main;worker;f\(i % 997);g\(i % 13) \(i % 50 + 1)\n"; i += 1 }
        let path = try CLI.tempDir() + "/large.folded"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let piped = try CLI.run(["convert", "-", "--to", "folded"], stdin: Data(text.utf8))
        let direct = try CLI.run(["convert", path, "--to", "folded"])
        #expect(piped.status == 0)
        #expect(direct.status == 0)
        #expect(piped.text == direct.text)
        #expect(piped.text.hasPrefix("main;worker;f0;g0 "))
    }

    @Test("info reads stdin too")
    func infoOnStdin() throws {
        let r = try CLI.run(["info", "-"], stdin: Data("main;a 3\n".utf8))
        #expect(r.status == 0)
        #expect(r.text.hasPrefix("format:        folded"))
    }

    @Test("pprof to a terminal is refused with a hint; folded to a terminal is shown")
    func binaryToTerminal() throws {
        let bin = CLI.binary, cpu = CLI.fixture("go1.19/busy/cpu.pb.gz")
        let refused = try onTerminal("'\(bin)' convert '\(cpu)' --to pprof")
        #expect(refused.status == 1)
        #expect(refused.screen.contains("refusing to write binary pprof output to a terminal; use -o FILE or a pipe"))
        let shown = try onTerminal("'\(bin)' convert '\(cpu)' --to folded")
        #expect(shown.status == 0)
        #expect(shown.screen.contains("main.worker;"))
    }

    @Test("a refused connection is one error line naming the URL, exit 1")
    func refusedConnection() throws {
        let closed = try RefusingPort()
        let url = "http://127.0.0.1:\(closed.port)/debug/pprof/goroutine"
        let r = try CLI.run(["convert", url, "--to", "folded", "--timeout", "5"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("profconv: error: \(url): cannot fetch: "), "\(r.stderr)")
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }
}

/// A port of 127.0.0.1 that refuses connections: bound, so no other program
/// takes it while the test runs, and never listened on.
final class RefusingPort {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0  // any free port
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        let named = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        guard fd >= 0, bound == 0, named == 0 else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            if fd >= 0 { close(fd) }
            throw error
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    deinit { close(fd) }
}
