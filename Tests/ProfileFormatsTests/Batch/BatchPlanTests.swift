#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileCore
import ProfileFormats
import Testing

@Suite("batch planning")
struct BatchPlanTests {
    @Test("an output name drops .gz and one known profile ending, then takes the target's", arguments: [
        ("cpu.pb.gz", "cpu.folded"),
        ("leaky/goroutine.debug1.txt", "leaky/goroutine.debug1.folded"),
        ("stacks.folded.gz", "stacks.folded"),
        ("x.collapsed", "x.folded"),
        ("trace.out", "trace.out.folded"),
        ("heap", "heap.folded"),
        ("dir.v2/.txt", "dir.v2/.txt.folded"),
        ("g.debug2.txt.gz", "g.debug2.folded"),
        ("cpu.pprof", "cpu.folded"),
    ])
    func outputNames(input: String, output: String) {
        #expect(BatchPlan.outputName(for: input, extension: "folded") == output)
    }

    @Test("--shard K/N: the N slices cover the inputs exactly once, and adding files moves none")
    func shards() throws {
        let root = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for dir in ["a", "a/b"] { mkdir(root + "/" + dir, 0o755) }
        func touch(_ relative: String) { close(open(root + "/" + relative, O_CREAT | O_WRONLY, 0o644)) }
        let files = (0..<120).map { i in ["", "a/", "a/b/"][i % 3] + "p\(i).folded" }
        files.forEach(touch)
        func slices(_ n: Int) throws -> [[String]] {
            try (0..<n).map { k in
                var plan = try BatchPlan(inputDirectory: root, outputDirectory: root + "/out",
                                         outputExtension: "pb.gz", recursive: true)
                plan.restrict(to: try BatchShard(index: k, count: n))
                return plan.items.map(\.relativeInput)
            }
        }
        for n in [1, 2, 5, 7] {
            let parts = try slices(n)
            #expect(parts.joined().sorted() == files.sorted(), "every input in exactly one of \(n) slices")
            #expect(parts.allSatisfy { !$0.isEmpty })
        }
        let before = try slices(5)
        (120..<150).map { "a/q\($0).folded" }.forEach(touch)
        let after = try slices(5)
        for k in 0..<5 { #expect(Set(before[k]).isSubset(of: Set(after[k])), "slice \(k) keeps its files") }
        // The slice is FNV-1a (64-bit) of the path's bytes modulo N: the same on every machine.
        #expect(BatchShard.slice(of: "cpu.pb.gz", count: 4) == 2)
        #expect(BatchShard.slice(of: "a/heap.pb.gz", count: 4) == 0)
        #expect(BatchShard.slice(of: "leaky/goroutine.debug1.txt", count: 3) == 2)
    }

    @Test("a shard wants 0 ≤ K < N", arguments: [
        ("2/4", nil),
        ("4/4", "a shard K/N needs 0 ≤ K < N (K counts from 0), not 4/4"),
        ("0/0", "a shard K/N needs N ≥ 1, not 0"),
        ("1", "a shard is K/N, such as 0/4 for the first of four slices, not '1'"),
        ("a/b", "a shard is K/N, such as 0/4 for the first of four slices, not 'a/b'"),
    ] as [(String, String?)])
    func shardSyntax(text: String, error: String?) {
        do {
            let shard = try BatchShard(parsing: text)
            #expect(error == nil)
            #expect(shard == (try BatchShard(index: 2, count: 4)))
        } catch let e as ProfileError {
            #expect(e.message == error)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("globs match the relative path, or the last component alone")
    func globs() {
        #expect(Glob.matches("*.pb.gz", "a/b/cpu.pb.gz"))
        #expect(Glob.matches("heap*", "leaky/heap.debug0.pb.gz"))
        #expect(Glob.matches("leaky/*", "leaky/heap.debug0.pb.gz"))
        #expect(!Glob.matches("busy/*", "leaky/heap.debug0.pb.gz"))
        #expect(!Glob.matches("*.txt", "notes.txt.bak"))
    }

    @Test("a recursive walk skips the output directory inside the input, symlinked directories and temp files")
    func walk() throws {
        let root = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for dir in ["a", "a/b", "out"] { mkdir(root + "/" + dir, 0o755) }
        for file in ["z.folded", "a/y.folded", "a/b/x.folded", "out/old.folded", "a/.y.folded.profconv-Ab12Cd"] {
            let fd = open(root + "/" + file, O_CREAT | O_WRONLY, 0o644)
            close(fd)
        }
        symlink(root + "/a", root + "/loop")
        let plan = try BatchPlan(inputDirectory: root, outputDirectory: root + "/./out", outputExtension: "pb.gz",
                                 recursive: true)
        #expect(plan.items.map(\.relativeInput) == ["a/b/x.folded", "a/y.folded", "z.folded"])
        #expect(plan.items.map(\.output) == [root + "/./out/a/b/x.pb.gz", root + "/./out/a/y.pb.gz", root + "/./out/z.pb.gz"])
        let flat = try BatchPlan(inputDirectory: root, outputDirectory: root + "/out", outputExtension: "pb.gz",
                                 recursive: false)
        #expect(flat.items.map(\.relativeInput) == ["z.folded"])
    }

    @Test("a name the batch writes itself (a report's index.html) is kept free: that input's page is index.profile.html")
    func reservedOutputs() throws {
        let root = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["index.pb.gz", "cpu.pb.gz"] { close(open(root + "/" + name, O_CREAT | O_WRONLY, 0o644)) }
        let plan = try BatchPlan(inputDirectory: root, outputDirectory: root + "/out", outputExtension: "html",
                                 recursive: false, reservedOutputs: ["index.html"])
        #expect(plan.items.map(\.relativeOutput) == ["cpu.html", "index.profile.html"])
        #expect(plan.items.allSatisfy { $0.conflict == nil })
    }
}
