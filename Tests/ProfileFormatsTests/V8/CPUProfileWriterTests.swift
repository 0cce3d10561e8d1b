import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("writing V8 CPU profiles (--to cpuprofile)")
struct CPUProfileWriterTests {
    /// What V8's `Profiler.Profile` type requires of a file, and ours also
    /// no negative delta: the first problem, or nil.
    static func schemaProblem(_ text: String) throws -> String? {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let nodes = try #require(doc["nodes"] as? [[String: Any]])
        let ids = nodes.compactMap { $0["id"] as? Int }
        if Set(ids).count != nodes.count { return "node ids are not unique" }
        var parents: [Int: Int] = [:]
        for n in nodes {
            for c in n["children"] as? [Int] ?? [] {
                if !ids.contains(c) { return "a child that is no node" }
                if parents.updateValue(n["id"] as! Int, forKey: c) != nil { return "a node with two parents" }
            }
        }
        if ids.filter({ parents[$0] == nil }).count != 1 { return "not one root" }
        let samples = try #require(doc["samples"] as? [Int]), deltas = try #require(doc["timeDeltas"] as? [Int])
        if samples.count != deltas.count { return "samples and timeDeltas differ in length" }
        if deltas.contains(where: { $0 < 0 }) { return "a negative delta" }
        return nil
    }

    @Test("a Go CPU profile written as .cpuprofile passes the schema and reads back to the same stacks", arguments: ["samples", "cpu"])
    func goRoundTrip(_ index: String) throws {
        let go = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        let text = try written(go, as: CPUProfileFormat.self)
        #expect(try Self.schemaProblem(text) == nil)
        let back = try readText(text)
        #expect(back.format.name == CPUProfileFormat.name)
        #expect(try foldedLines(back.profile, index) == foldedLines(go, index))
    }

    @Test("node's own file passes the schema but for its deltas; ours of it has none negative and the same order and times")
    func nodeRoundTrip() throws {
        let node = try Fixture.decode("v8/app.cpuprofile").profile
        let text = try written(node, as: CPUProfileFormat.self)
        #expect(try Self.schemaProblem(text) == nil)
        let back = try readText(text).profile
        #expect(back.samples.count == node.samples.count)
        #expect(back.samples.values == node.samples.values)
        #expect(try foldedLines(back, "cpu") == foldedLines(node, "cpu"))
    }

    @Test("a pprof count becomes that many samples, one period apart")
    func counts() throws {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        let f = b.function(name: b.intern("f"))
        b.addSample(locations: [b.location(function: f)], value: 3)
        b.withProfile { $0.period = 2_000_000; $0.periodType = ValueType(type: $0.strings.intern("cpu"), unit: $0.strings.intern("nanoseconds")) }
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(written(b.build(), as: CPUProfileFormat.self).utf8)) as? [String: Any])
        #expect(doc["samples"] as? [Int] == [2, 2, 2])
        #expect(doc["timeDeltas"] as? [Int] == [0, 2000, 2000])
        #expect(doc["endTime"] as? Int == 6000)
    }

    @Test("counts past 5 million samples are scaled down: every stack keeps a sample, the profile its whole time")
    func hugeCounts() throws {
        var b = ProfileBuilder(sampleTypes: [("samples", "count"), ("cpu", "nanoseconds")])
        let big = b.function(name: b.intern("big")), small = b.function(name: b.intern("small"))
        b.addSample(locations: [b.location(function: big)], values: [1 << 62, 8_000_000_000])
        b.addSample(locations: [b.location(function: small)], values: [1, 2_000_000_000])
        let text = try written(b.build(), as: CPUProfileFormat.self)
        // Five million ids are too many for JSONSerialization in a debug build; split them.
        let array = try #require(text.firstRange(of: "\"samples\":[").map { text[$0.upperBound...] }?.prefix { $0 != "]" })
        let samples = array.split(separator: ",")
        #expect(samples.count <= CPUProfileWriter.maxSamples)
        #expect(samples.count > CPUProfileWriter.maxSamples - 2)
        #expect(Set(samples).count == 2)
        #expect(text.hasSuffix("\"endTime\":10000000}\n"))
    }
}
