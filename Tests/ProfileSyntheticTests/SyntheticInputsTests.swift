import Testing
import ProfileCore
@testable import ProfileSynthetic

@Suite("Synthetic benchmark inputs")
struct SyntheticInputsTests {
    @Test("the same parameters give the same profile, and another seed another one")
    func profileIsDeterministic() {
        let a = SyntheticProfile.make(.small), b = SyntheticProfile.make(.small)
        var other = SyntheticProfile.Parameters.small
        other.seed = 2
        let c = SyntheticProfile.make(other)
        #expect(a.samples.count == b.samples.count)
        #expect((0..<a.samples.count).allSatisfy { Array(a.samples.locations(of: $0)) == Array(b.samples.locations(of: $0)) })
        #expect(a.totals() == b.totals())
        #expect((0..<min(a.samples.count, c.samples.count)).contains { Array(a.samples.locations(of: $0)) != Array(c.samples.locations(of: $0)) })
    }

    @Test("every distinct stack is sampled, and the values add up to the samples asked for")
    func profileKeepsEveryStack() {
        let p = SyntheticProfile.make(.small)
        let stacks = Set((0..<p.samples.count).map { Array(p.samples.locations(of: $0)) })
        #expect(stacks.count == SyntheticProfile.Parameters.small.distinctStacks)
        #expect(p.totals()[0] == Int64(SyntheticProfile.Parameters.small.samples))
    }

    @Test("stacks stay within maxDepth and are mostly deeper than a few frames")
    func profileDepths() {
        let p = SyntheticProfile.make(.small)
        let depths = (0..<p.samples.count).map { p.samples.locations(of: $0).count }
        #expect(depths.max()! <= SyntheticProfile.Parameters.small.maxDepth)
        #expect(depths.reduce(0, +) / depths.count >= 12)
    }

    @Test("the goroutine dump has one Go 1.19 record per goroutine, each with its header, frames and creator")
    func dumpLayout() throws {
        let text = String(decoding: SyntheticGoroutineDump.make(.small), as: UTF8.self)
        let records = text.split(separator: "\n\n")
        #expect(records.count == SyntheticGoroutineDump.Parameters.small.goroutines)
        #expect(records[0].hasPrefix("goroutine ") && records[0].contains(" [running]:\n"))
        for record in records {
            let lines = record.split(separator: "\n")
            #expect(lines[0].hasPrefix("goroutine ") && lines[0].hasSuffix("]:"))
            // After the header: a function line, then its tab-indented file line.
            #expect(lines.count % 2 == 1)
            for i in stride(from: 2, to: lines.count, by: 2) {
                #expect(lines[i].hasPrefix("\t/") && lines[i].contains(".go:"))
                #expect(!lines[i - 1].hasPrefix("\t"))
            }
        }
        #expect(records.filter { $0.contains("\ncreated by ") }.count == records.count - 1)
        #expect(text.contains(" minutes]:\n"))
        #expect(text.contains("(...)\n"))
    }

    @Test("the goroutine dump is deterministic and uses a few distinct stacks")
    func dumpIsDeterministic() {
        let a = SyntheticGoroutineDump.make(.small)
        #expect(a == SyntheticGoroutineDump.make(.small))
        let text = String(decoding: a, as: UTF8.self)
        let firstFrames = Set(text.split(separator: "\n\n").map { $0.split(separator: "\n")[1].prefix { $0 != "(" } })
        #expect(firstFrames.count > 3 && firstFrames.count <= SyntheticGoroutineDump.Parameters.small.distinctStacks)
    }

    @Test("the mixed directory plan cycles through the formats with distinct seeds")
    func corpusPlan() {
        let plan = SyntheticCorpus.plan(count: 12)
        #expect(plan.map(\.name).prefix(4) == ["p0001.pb.gz", "p0002.folded", "p0003.goroutines.txt", "p0004.debug1.txt"])
        #expect(Set(plan.map(\.name)).count == 12)
    }
}
