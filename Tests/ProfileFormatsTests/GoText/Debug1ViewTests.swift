import ProfileCore
import ProfileFormats
import Testing

/// `debug=1` shows what Go's page shows, and `debug=0` with
/// `hidingRuntimeFrames()` shows the same thing.
@Suite("the debug=1 view of goroutine profiles")
struct Debug1ViewTests {
    /// Folded stacks as profconv writes them, less the lines of goroutines
    /// that differ between two back-to-back captures (`exclude`).
    func folded(_ p: Profile, exclude: (Substring) -> Bool) throws -> [Substring] {
        let text = try written(p, as: FoldedFormat.self)
        return text.split(separator: "\n").filter { !exclude($0) }.sorted()
    }

    /// The HTTP server's own goroutines (the one serving each capture, its
    /// connection reader), short-lived workers, and a goroutine caught while
    /// exiting (only `runtime.goexit` left, so `[no stack]`) differ between
    /// requests.
    static let transient: @Sendable (Substring) -> Bool = {
        $0.hasPrefix("[no stack]") || $0.contains("net/http") || $0.contains("connReader") || $0.contains("main.worker") || $0.contains("main.handleRequest") || $0.contains("main.spawnWorkers")
    }

    @Test("debug=0 with hidingRuntimeFrames folds to the debug=1 capture's stacks",
          arguments: ["go1.19/leaky/goroutine", "go1.19/leakgrow/snap1.goroutine", "go1.19/leakgrow/snap2.goroutine",
                      "go1.19/leakgrow/snap3.goroutine"])
    func debug0HidingEqualsDebug1(_ capture: String) throws {
        let d0 = try Fixture.decode(capture + ".debug0.pb.gz").profile.hidingRuntimeFrames()
        let d1 = try Fixture.decode(capture + ".debug1.txt").profile
        let a = try folded(d0, exclude: Self.transient), b = try folded(d1, exclude: Self.transient)
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test("by default no frame is a bare address, and the leak site is the leaf of its stack")
    func noBareAddresses() throws {
        let d1 = try Fixture.decode("go1.19/leaky/goroutine.debug1.txt").profile
        let text = try written(d1, as: FoldedFormat.self)
        #expect(!text.contains(";0x") && !text.contains("\n0x"))
        #expect(text.contains("\nmain.leakForever 1000\n"))
    }

    @Test("top of a debug=1 capture lists a main. function first")
    func topListsProgramFirst() throws {
        let d1 = try Fixture.decode("go1.19/leaky/goroutine.debug1.txt").profile
        let rows = try written(d1, as: TopFormat.self).split(separator: "\n")
        let header = try #require(rows.firstIndex { $0.contains("flat%") })
        let first = rows[header + 1]
        #expect(first.hasSuffix("main.leakAgain") || first.hasSuffix("main.leakForever"))
    }

    @Test("keepUnnamedFrames keeps the hidden frames as address-only locations, as deep as debug=0")
    func keepUnnamedFrames() throws {
        var options = ReadOptions()
        options[GoDebug1Format.Options.self].keepUnnamedFrames = true
        let d1 = try FormatRegistry.read(Fixture.bytes("go1.19/leaky/goroutine.debug1.txt"), options: options).profile
        let leak = try #require((0..<d1.samples.count).first { GoStacks.frames(d1, $0) == ["main.leakForever"] })
        #expect(d1.samples.locations(of: leak).count == 3)  // gopark, block, leakForever
        let byDefault = try Fixture.decode("go1.19/leaky/goroutine.debug1.txt").profile
        let leak2 = try #require((0..<byDefault.samples.count).first { GoStacks.frames(byDefault, $0) == ["main.leakForever"] })
        #expect(byDefault.samples.locations(of: leak2).count == 1)
    }
}
