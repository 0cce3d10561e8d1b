#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileFormats
import ProfileTestSupport
import Testing
@testable import profconv

/// Runs profconv as a user would: in this process through the binary's own
/// entry point (``run(_:stdin:)``, fast, for what a command prints and its
/// exit status), or by launching the built binary (``launch(_:stdin:via:)``,
/// for what only a process shows: signals, real pipes and terminals, limits
/// on the process).
enum CLI {
    /// The package root, where the commands run.
    static var root: String { Fixture.root }

    /// The `profconv` executable beside the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("profconv").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root + "/.build/debug/profconv"
    }()

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The tests name inputs relative to the package root, as the launched
    /// binary sees them. The working directory is the whole process's, so
    /// it is set once, before the first in-process run, and never changed
    /// again; tests that run at the same time all want the same one.
    private static let inPackageRoot: Void = {
        precondition(chdir(root) == 0, "cannot enter the package root \(root)")
    }()

    /// Runs `profconv args…` in this process, with `stdin` as standard input:
    /// `Profconv.run`, which is what the binary's `main` runs but for signal
    /// handlers and `exit`. Its standard streams are files of its own
    /// (``StandardStreams``), so runs in parallel tests do not mix.
    static func run(_ args: [String], stdin: Data? = nil) throws -> Result {
        _ = inPackageRoot
        let input = try ScratchFile(holding: stdin ?? Data())
        let output = try ScratchFile(), error = try ScratchFile()
        let streams = StandardStreams(input: input.fd, output: output.fd, error: error.fd)
        let status = StandardStreams.$current.withValue(streams) { Profconv.run(args) }
        return Result(status: status, stdout: output.contents(), stderr: String(decoding: error.contents(), as: UTF8.self))
    }

    /// Launches `profconv args…` with `stdin` as standard input, in the package root;
    /// under `via` (a wrapper command such as `/usr/bin/time -f %M -o FILE`) if given.
    @discardableResult
    static func launch(_ args: [String], stdin: Data? = nil, via wrapper: [String] = []) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: wrapper.first ?? binary)
        p.arguments = wrapper.isEmpty ? args : Array(wrapper.dropFirst()) + [binary] + args
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        // Help is as wide as a pipe's, 80 columns, whatever terminal runs the tests.
        p.environment = ProcessInfo.processInfo.environment.filter { $0.key != "COLUMNS" }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(stdin) }
        try inp.fileHandleForWriting.close()
        // Drain stdout on another thread while reading stderr here, so
        // neither pipe fills up and blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outBox.data = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: outBox.data, stderr: String(decoding: errData, as: UTF8.self))
    }

    static func fixture(_ relative: String) -> String { Fixture.path(relative) }

    /// A fresh temporary directory.
    static func tempDir() throws -> String { try TemporaryDirectory.make() }
}

/// An unnamed temporary file: one standard stream of an in-process run.
/// Unlike a pipe it needs no thread to drain it, and it cannot fill up.
final class ScratchFile {
    let fd: Int32

    /// A file holding `data`, positioned at its start.
    init(holding data: Data = Data()) throws {
        var template = Array(((NSTemporaryDirectory() as NSString).appendingPathComponent("profconv-stream-XXXXXX")).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.fd = fd
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // not for the processes other tests launch
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        try data.withUnsafeBytes { bytes in
            var off = 0
            while off < bytes.count {
                let n = write(fd, bytes.baseAddress! + off, bytes.count - off)
                guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                off += n
            }
        }
        lseek(fd, 0, SEEK_SET)
    }

    /// Everything written to the file.
    func contents() -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, offset) }
            if n <= 0 { break }
            data.append(contentsOf: chunk[..<n])
            offset += off_t(n)
        }
        return data
    }

    deinit { close(fd) }
}
