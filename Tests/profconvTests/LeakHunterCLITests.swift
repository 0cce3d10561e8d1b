import Foundation
import Testing

/// The leak hunter's journey through the CLI: a debug=1 page names the leak,
/// a saved index page is called HTML, label frames reach every output.
@Suite("the leak hunter's journey")
struct LeakHunterCLITests {
    @Test("top of a debug=1 capture lists a main. function first; folded has no bare address unless --keep-addresses")
    func debug1View() throws {
        let capture = CLI.fixture("go1.19/leaky/goroutine.debug1.txt")
        let top = try CLI.run(["top", capture, "-n", "1"])
        #expect(top.status == 0)
        let rows = top.text.split(separator: "\n")
        let header = try #require(rows.firstIndex { $0.contains("flat%") })
        #expect(rows[header + 1].hasSuffix("  main.leakAgain"))
        let folded = try CLI.run(["convert", capture, "--to", "folded"]).text
        #expect(!folded.contains("0x"))
        let kept = try CLI.run(["convert", capture, "--to", "folded", "--keep-addresses"]).text
        #expect(kept.contains("main.leakForever;0x"))
    }

    @Test("info on a saved /debug/pprof/ index page fails with one line that says it is HTML")
    func htmlIndex() throws {
        let page = CLI.fixture("go1.19/leaky/pprof-index.html")
        let r = try CLI.run(["info", page])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("profconv: error: \(page): this is an HTML page, not a profile"))
        #expect(r.stderr.contains("/debug/pprof/goroutine?debug=1"))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("--label-frames state reaches folded, top and the flame graph alike")
    func labelFramesEverywhere() throws {
        let dump = CLI.fixture("go1.19/leaky/goroutine.debug2.txt")
        let folded = try CLI.run(["convert", dump, "--label-frames", "state", "--to", "folded"]).text
        #expect(folded.contains("main.leakForever;select (no cases) 1000\n"))
        let top = try CLI.run(["top", dump, "--label-frames", "state", "-n", "1"]).text
        #expect(top.contains("select (no cases)"))
        let svg = try CLI.run(["flamegraph", dump, "--label-frames", "state"]).text
        #expect(svg.contains("<title>select (no cases) (1,000 goroutines, 49.53%)</title>"))
        #expect(svg.contains(">goroutine profile: 2,019 goroutines</text>"))
    }

    @Test("diff --to flamegraph says base → new under the title")
    func diffSubtitle() throws {
        let a = CLI.fixture("go1.19/leakgrow/snap1.goroutine.debug0.pb.gz"), b = CLI.fixture("go1.19/leakgrow/snap3.goroutine.debug0.pb.gz")
        let svg = try CLI.run(["diff", a, b, "--to", "flamegraph"]).text
        #expect(svg.contains(">\(a) → \(b)"))
    }
}
