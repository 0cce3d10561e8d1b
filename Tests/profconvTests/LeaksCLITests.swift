import Foundation
import Testing

@Suite("profconv leaks and profconv diff")
struct LeaksCLITests {
    static func snaps(_ form: String) -> [String] {
        (1...3).map { CLI.fixture("go1.19/leakgrow/snap\($0).goroutine.\(form)") }
    }

    @Test("the table names the three leaking lines first, with their counts", arguments: ["debug0.pb.gz", "debug1.txt", "debug2.txt"])
    func table(_ form: String) throws {
        let r = try CLI.run(["leaks"] + Self.snaps(form))
        #expect(r.status == 0, "\(r.stderr)")
        let sites = r.text.split(separator: "\n").filter { $0.hasPrefix("      at ") }
        let source = "profconv/fixtures/leakgrow/main.go"
        #expect(sites.prefix(3) == ["      at main.leakRecv \(source):31", "      at main.leakSelect \(source):36", "      at main.leakLock \(source):44"])
        #expect(r.text.contains("100→300→500"))
        #expect(r.text.contains("40→120→200"))
        #expect(r.text.contains("10→30→50"))
    }

    @Test("--format json follows the documented schema")
    func json() throws {
        let paths = [Self.snaps("debug1.txt")[0], Self.snaps("debug0.pb.gz")[1], Self.snaps("debug2.txt")[2]]
        let r = try CLI.run(["leaks", "--all", "--format", "json"] + paths)
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(Set(root.keys) == ["schema", "grouping", "score", "snapshots", "notes", "groups"])
        #expect(root["schema"] as? String == "profconv.leaks/1")
        #expect(root["grouping"] as? String == "stack")
        let snapshots = try #require(root["snapshots"] as? [[String: Any]])
        #expect(snapshots.map { $0["goroutines"] as? Int } == [176, 475, 774])
        #expect(snapshots.map { $0["dump"] as? Bool } == [false, false, true])
        #expect(snapshots[1]["time"] as? String == "2026-12-01T22:25:07Z")
        #expect(snapshots[0]["time"] is NSNull)
        let groups = try #require(root["groups"] as? [[String: Any]])
        let keys: Set = ["rank", "score", "frames", "site", "counts", "growth", "growthPerMinute", "monotonic",
                         "steadiness", "share", "states", "longestWaitMinutes", "creatorFromOutermostFrame"]
        for g in groups { #expect(Set(g.keys) == keys) }
        #expect(groups.map { $0["rank"] as? Int } == Array(1...groups.count))
        #expect(groups.prefix(3).map { $0["growth"] as? Int } == [400, 160, 40])
        #expect(groups.prefix(3).map { $0["counts"] as? [Int] } == [[100, 300, 500], [40, 120, 200], [10, 30, 50]])
        #expect(groups[0]["frames"] as? [String] == ["main.leakRecv"])
        #expect(groups[0]["growthPerMinute"] is NSNull)
        #expect(groups[0]["monotonic"] as? Bool == true)
        #expect(groups[0]["longestWaitMinutes"] as? Int == 0)
        #expect((groups[0]["states"] as? [[String: Any]])?.first?["state"] as? String == "chan receive")
        let scores = groups.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        #expect(groups.dropFirst(3).allSatisfy { ($0["score"] as? Double ?? 1e9) < scores[2] })
    }

    @Test("-o writes the first-against-last flame graph with each frame's delta in its title")
    func flameGraph() throws {
        let dir = try CLI.tempDir()
        let svg = dir + "/growth.svg"
        let r = try CLI.run(["leaks", "-o", svg, "--format", "csv"] + Self.snaps("debug0.pb.gz"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text.hasPrefix("rank,score,growth,growth_per_minute,count_1,count_2,count_3,"))
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        // 500 of 778 goroutines; +400 of 778 is +51.41%; the line where they wait.
        #expect(text.contains("<title>main.leakRecv (500 goroutines, 64.27%; +51.41%, profconv/fixtures/leakgrow/main.go:31)</title>"))
    }

    @Test("a profile that is not of goroutines, or a single snapshot, is refused with one line")
    func refusals() throws {
        let cpu = CLI.fixture("go1.19/busy/cpu.pb.gz")
        let r = try CLI.run(["leaks", cpu, cpu])
        #expect(r.status == 1)
        #expect(r.stderr == "profconv: error: \(cpu) is not a goroutine profile (sample types: samples/count, cpu/nanoseconds)\n")
        #expect(try CLI.run(["leaks", cpu]).status != 0)
    }

    /// Two hand-made folded profiles: a;b 10→30, a;c 5→0, a;d 0→10.
    func pair() throws -> (String, String) {
        let dir = try CLI.tempDir()
        try "a;b 10\na;c 5\n".write(toFile: dir + "/base.folded", atomically: true, encoding: .utf8)
        try "a;b 30\na;d 10\n".write(toFile: dir + "/new.folded", atomically: true, encoding: .utf8)
        return (dir + "/base.folded", dir + "/new.folded")
    }

    @Test("diff --to folded writes `stack BASE NEW`")
    func foldedDiff() throws {
        let (base, new) = try pair()
        let r = try CLI.run(["diff", base, new, "--to", "folded"])
        #expect(r.text == "a;b 10 30\na;c 5 0\na;d 0 10\n")
    }

    @Test("diff --to flamegraph titles carry the delta as a share of the new total")
    func flameDiff() throws {
        let (base, new) = try pair()
        let r = try CLI.run(["diff", base, new, "--to", "flamegraph"])
        // New total 40: b 30 (75%) grew by 20 (+50%), d 10 (25%) by 10 (+25%), a by 25 (+62.5%).
        #expect(r.text.contains("<title>b (30 samples, 75.00%; +50.00%)</title>"))
        #expect(r.text.contains("<title>d (10 samples, 25.00%; +25.00%)</title>"))
        #expect(r.text.contains("<title>a (40 samples, 100.00%; +62.50%)</title>"))
    }

    @Test("diff --to top lists the largest changes first, absolute and relative")
    func topDiff() throws {
        let r = try CLI.run(["diff", Self.snaps("debug1.txt")[0], Self.snaps("debug0.pb.gz")[2], "-n", "3"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("Go runtime frames hidden on both sides"))
        let rows = r.text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["100", "500", "+400", "+400%", "100", "500", "+400", "+400%", "main.leakRecv"]))
        #expect(rows.contains(["40", "200", "+160", "+400%", "main.leakSelect"]))
        #expect(r.text.contains("Change: +602 (+342.05%)"))
    }

    @Test("diff --to pprof --keep-runtime is NEW plus BASE negated; reading it back sums to NEW − BASE per stack")
    func pprofDiff() throws {
        let dir = try CLI.tempDir()
        let out = dir + "/delta.pb.gz"
        let s = Self.snaps("debug0.pb.gz")
        #expect(try CLI.run(["diff", s[0], s[2], "--to", "pprof", "-o", out, "--keep-runtime"]).status == 0)
        let folded = try CLI.run(["convert", out, "--to", "folded"]).text.split(separator: "\n")
        #expect(folded.contains("main.leakRecv;runtime.chanrecv1;runtime.chanrecv;runtime.gopark 400"))
        #expect(folded.contains("main.leakLock;sync.(*Mutex).Lock;sync.(*Mutex).lockSlow;sync.runtime_SemacquireMutex;runtime.semacquire1;runtime.goparkunlock;runtime.gopark 40"))
        let labelled = try CLI.run(["convert", out, "--to", "folded", "--label-root-frames", "pprof::base"]).text
        #expect(labelled.contains("\ntrue;main.leakRecv;runtime.chanrecv1;runtime.chanrecv;runtime.gopark -100"))
    }

    @Test("--every 0s, --count 1 and --every with a file are refused before anything runs, saying why (issue 28, points 16 and 17)", arguments: [
        (["--every", "0s", "http://127.0.0.1:1/debug/pprof/goroutine"], "--every needs a duration above 0"),
        (["--every", "1s", "--count", "1", "http://127.0.0.1:1/debug/pprof/goroutine"], "--count must be 2 or more: growth needs two snapshots"),
        (["--every", "1s", "Fixtures/go1.19/leaky/goroutine.debug1.txt"], "is a file: give http://HOST:PORT/debug/pprof/goroutine?debug=2"),
    ])
    func refusedUpFront(_ args: [String], _ says: String) throws {
        let r = try CLI.run(["leaks"] + args)
        #expect(r.status == 64)
        #expect(r.stderr.contains(says), "\(r.stderr)")
    }

    @Test("an -o in a directory that does not exist is refused before reading, naming the directory")
    func badOutputFirst() throws {
        let r = try CLI.run(["leaks", "Fixtures/go1.19/leaky/goroutine.debug1.txt", "Fixtures/go1.19/leaky/goroutine.debug2.txt",
                             "-o", "/nonexistent/x.svg"])
        #expect(r.status == 1)
        #expect(r.stderr == "profconv: error: /nonexistent/x.svg: the directory /nonexistent does not exist\n")
        #expect(r.stdout.isEmpty)
        let proc = try CLI.run(["convert", "Fixtures/go1.19/busy/cpu.pb.gz", "--to", "folded", "-o", "/proc/version"])
        #expect(proc.stderr == "profconv: error: /proc/version: /proc takes no new files (a special file system, such as /proc)\n")
    }

    @Test("flamegraph --help gives the defaults Go profiles get: the type-and-total title and the go palette (issue 28, point 11)")
    func flameGraphHelpDefaults() throws {
        let help = String(decoding: try CLI.run(["flamegraph", "--help"]).stdout, as: UTF8.self)
        let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("default: the sample type and total, as `goroutine profile: 2,003 goroutines`"))
        #expect(flat.contains("(default go for Go profiles, else hot)"))
        #expect(!flat.contains("(default hot)"))
    }
}
