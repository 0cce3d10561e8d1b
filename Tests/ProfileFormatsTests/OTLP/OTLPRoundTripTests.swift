import ProfileCore
import Testing
@testable import ProfileFormats

/// pprof → OTLP → pprof keeps every sample of every sample type.
@Suite("OTLP: Go profiles through OpenTelemetry and back")
struct OTLPRoundTripTests {
    static let goProfiles = ["go1.19/busy/heap.debug0.pb.gz", "go1.19/busy/cpu.pb.gz", "go1.19/busy/goroutine.debug0.pb.gz"]

    /// Folded stacks of every sample type, with labels and lines.
    static func stacks(_ p: Profile) throws -> [String] {
        try p.sampleTypes.indices.map { t in
            var options = WriteOptions(sampleIndex: String(t))
            options[FoldedFormat.Options.self].withLines = true
            return try written(p, as: FoldedFormat.self, options: options)
        }
    }

    static func throughOTLP(_ p: Profile, json: Bool) throws -> FormatRegistry.Decoded {
        try FormatRegistry.read(OTLPFormat.encode(p, json: json))
    }

    @Test("protobuf and OTLP/JSON give back the same samples, labels, sample types, time and period",
          arguments: goProfiles, [false, true])
    func sameSamples(_ fixture: String, json: Bool) throws {
        let original = try Fixture.decode(fixture).profile
        let back = try Self.throughOTLP(original, json: json)
        #expect(back.format.name == OTLPFormat.name)
        let p = back.profile
        #expect(p.sampleTypeNames == original.sampleTypeNames)
        #expect(p.samples.count == original.samples.count)
        #expect(try Self.stacks(p) == Self.stacks(original))
        for i in 0..<p.samples.count {
            #expect(p.samples.labels(of: i).map { p.strings[$0.key] + "=" + p.strings[$0.str] + "\($0.num)" + p.strings[$0.numUnit] }
                == original.samples.labels(of: i).map { original.strings[$0.key] + "=" + original.strings[$0.str] + "\($0.num)" + original.strings[$0.numUnit] })
        }
        #expect(p.timeNanos == original.timeNanos)
        #expect(p.durationNanos == original.durationNanos)
        #expect(p.period == original.period)
        #expect(p.periodType.map { p.strings[$0.type] } == original.periodType.map { original.strings[$0.type] })
        #expect(p.mappings.map { p.strings[$0.buildID] } == original.mappings.map { original.strings[$0.buildID] })
        #expect(p.mappings.map(\.hasFunctions) == original.mappings.map(\.hasFunctions))
        #expect(p.strings[p.defaultSampleType] == original.strings[original.defaultSampleType])
    }

    @Test("a time before 1970 (pprof's int64 nanoseconds) comes back as it was")
    func timeBefore1970() throws {
        let original = try Fixture.decode("bad/time-nanos-min.pb").profile
        #expect(try Self.throughOTLP(original, json: false).profile.timeNanos == Int64.min)
        #expect(try Self.throughOTLP(original, json: true).profile.timeNanos == Int64.min)
    }

    @Test("the writer makes one Profile per sample type, sharing one dictionary whose entries 0 are zero values")
    func onePerSampleType() throws {
        let heap = try Fixture.decode("go1.19/busy/heap.debug0.pb.gz").profile
        let document = try OTLPFormat.encode(heap).withUnsafeBytes { try OTLPProtobufDecoder.decode($0) }
        let d = document.dictionary
        #expect(document.profiles.map { d.strings[Int($0.sampleType.type)] } == ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"])
        #expect(document.profiles.allSatisfy { $0.samples.hasSameSamples(as: document.profiles[0].samples) })
        #expect(d.strings.first == "")
        #expect(d.mappings.first?.filename == 0 && d.functions.first?.name == 0 && d.locations.first?.lineCount == 0)
        #expect(d.stack(0).isEmpty && d.attributes.first?.key == 0 && d.linkCount == 1)
        #expect(d.functions.count == heap.functions.count + 1 && d.locations.count == heap.locations.count + 1)
        // Labels are attributes: Go heap samples carry a numeric `bytes` label.
        let bytes = d.attributes.filter { d.strings[Int($0.key)] == "bytes" }
        #expect(!bytes.isEmpty && bytes.allSatisfy { if case .int = $0.value { true } else { false } })
    }
}
