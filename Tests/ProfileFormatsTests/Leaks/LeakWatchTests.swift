import ProfileCore
import ProfileFormats
import Testing

@Suite("leaks --every: durations and saved snapshot names")
struct LeakWatchTests {
    @Test("durations as Go writes them, or plain seconds", arguments: [
        ("30s", 30.0), ("2m", 120), ("500ms", 0.5), ("1h", 3600), ("1.5s", 1.5), ("7", 7),
    ] as [(String, Double)])
    func durations(_ c: (String, Double)) {
        #expect(LeakWatch.seconds(c.0) == c.1)
    }

    @Test("what is not a duration", arguments: ["", "s", "-1s", "2x", "1e3s", "nan", "inf"])
    func notDurations(_ s: String) {
        #expect(LeakWatch.seconds(s) == nil)
    }

    @Test("saved names carry the UTC time to the millisecond, sort in time order, and give the time back")
    func names() {
        let t: Int64 = 1_764_616_449_123_000_000  // 2025-12-01T19:14:09.123Z
        let name = SnapshotName.make(timeNanos: t, format: GoDebug2Format.self, gzipped: false)
        #expect(name == "goroutine-20251201T191409.123Z.debug2.txt")
        #expect(SnapshotName.time(of: "/some/dir/" + name) == t)
        let later = SnapshotName.make(timeNanos: t + 9_000_000_000, format: PprofFormat.self, gzipped: true)
        #expect(later == "goroutine-20251201T191418.123Z.pb.gz")
        #expect(name < later)
        #expect(SnapshotName.time(of: "goroutine.debug2.txt") == nil)
        #expect(SnapshotName.time(of: "goroutine-20251301T191409.123Z.txt") == nil)  // month 13
    }
}
