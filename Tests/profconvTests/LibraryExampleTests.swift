import Foundation
import Testing

@Suite("the README's library example")
struct LibraryExampleTests {
    static let source = CLI.root + "/Sources/LibraryExample/main.swift"

    @Test("the README shows the example's code as it is compiled")
    func readmeHoldsTheCode() throws {
        let readme = try String(contentsOfFile: CLI.root + "/README.md", encoding: .utf8)
        let code = try String(contentsOfFile: Self.source, encoding: .utf8)
        // The README leaves out the first comment line, which points back to it.
        let shown = code.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        #expect(readme.contains("```swift\n" + shown + "```"))
    }

    @Test("it draws a flame graph without runtime frames")
    func runs() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binary = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("LibraryExample").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = [CLI.fixture("go1.19/busy/cpu.pb.gz"), dir + "/cpu.svg"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let svg = try String(contentsOfFile: dir + "/cpu.svg", encoding: .utf8)
        #expect(svg.contains("CPU without the runtime"))
        #expect(svg.contains("<title>main.fib") && !svg.contains("<title>runtime."))
    }
}
