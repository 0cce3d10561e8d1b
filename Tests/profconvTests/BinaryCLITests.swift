import Foundation
import Testing

@Suite("profconv --binary")
struct BinaryCLITests {
    static let debug1 = "Fixtures/symbolize/goroutine.debug1.txt"
    static let binary = "Fixtures/symbolize/blocked"

    @Test("--binary names the runtime frames: the debug=1 capture converts to its debug=0 twin's folded stacks")
    func names() throws {
        let symbolized = try CLI.run(["convert", Self.debug1, "--binary", Self.binary, "--to", "folded"])
        #expect(symbolized.status == 0 && symbolized.stderr.isEmpty, "\(symbolized.stderr)")
        let d0 = try CLI.run(["convert", "Fixtures/symbolize/goroutine.debug0.pb.gz", "--to", "folded"])
        #expect(symbolized.text == d0.text)
        #expect(!symbolized.text.contains("0x"))
        // Any command: top names the leaf where the goroutines wait.
        let top = try CLI.run(["top", Self.debug1, "--binary", Self.binary])
        #expect(top.text.contains("runtime.gopark"))
    }

    @Test("go tool pprof's positional form: `top BINARY PROFILE` when the first input is an ELF file")
    func positional() throws {
        let flag = try CLI.run(["top", Self.debug1, "--binary", Self.binary])
        let positional = try CLI.run(["top", Self.binary, Self.debug1])
        #expect(positional.status == 0, "\(positional.stderr)")
        #expect(positional.text == flag.text)
    }

    @Test("a binary that is not the profile's, or not ELF, is one error line and exit 1")
    func refused() throws {
        for wrong in ["/bin/ls", Self.debug1, "Fixtures/no-such-binary"] {
            let r = try CLI.run(["convert", Self.debug1, "--binary", wrong, "--to", "folded"])
            #expect(r.status == 1 && r.stdout.isEmpty)
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stderr.hasPrefix("profconv: error: \(wrong)"), "\(r.stderr)")
        }
    }
}
