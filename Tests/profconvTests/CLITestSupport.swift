#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileTestSupport
import Testing

/// Runs the built `profconv` binary, as a user would.
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

    /// Runs `profconv args…` with `stdin` as standard input, in the package root;
    /// under `via` (a wrapper command such as `/usr/bin/time -f %M -o FILE`) if given.
    @discardableResult
    static func run(_ args: [String], stdin: Data? = nil, via wrapper: [String] = []) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: wrapper.first ?? binary)
        p.arguments = wrapper.isEmpty ? args : Array(wrapper.dropFirst()) + [binary] + args
        p.currentDirectoryURL = URL(fileURLWithPath: root)
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
    static func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "profconv-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
