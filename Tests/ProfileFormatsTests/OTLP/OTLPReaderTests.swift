import ProfileCore
import Testing
@testable import ProfileFormats

/// Builds OTLP documents by hand: a dictionary of two functions and stacks.
private func document(_ profiles: [(type: Int32, samples: [(stack: Int32, value: Int64)])]) -> OTLPDocument {
    var d = OTLPDocument()
    d.dictionary.strings = ["", "main", "work", "cpu", "nanoseconds", "alloc", "bytes"]
    d.dictionary.mappings = [OTLPMapping()]
    d.dictionary.functions = [OTLPFunction(), OTLPFunction(name: 1), OTLPFunction(name: 2)]
    d.dictionary.lines = [OTLPLine(function: 1), OTLPLine(function: 2)]
    d.dictionary.locations = [OTLPLocation(), OTLPLocation(lineStart: 0, lineCount: 1), OTLPLocation(lineStart: 1, lineCount: 1)]
    d.dictionary.attributes = [OTLPAttribute()]
    d.dictionary.appendStack([])
    d.dictionary.appendStack([1])  // main
    d.dictionary.appendStack([2, 1])  // main;work
    for p in profiles {
        var profile = OTLPProfile()
        profile.sampleType = ValueType(type: p.type, unit: p.type + 1)
        for s in p.samples { profile.samples.append(stack: s.stack, value: s.value, attributes: []) }
        d.profiles.append(profile)
    }
    return d
}

private func encoded(_ d: OTLPDocument) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try OTLPProtobufEncoder.encode(d) { bytes += $0 }
    return bytes
}

private func folded(_ p: Profile, _ t: Int) throws -> String {
    try written(p, as: FoldedFormat.self, options: WriteOptions(sampleIndex: String(t)))
}

@Suite("OTLP: reading profiles whoever wrote them")
struct OTLPReaderTests {
    @Test("profiles with matching samples become the sample types of one profile")
    func matching() throws {
        let d = document([(3, [(1, 5), (2, 7)]), (5, [(1, 100), (2, 0)])])
        let p = try FormatRegistry.read(encoded(d)).profile
        #expect(p.sampleTypeNames == "cpu/nanoseconds, alloc/bytes")
        #expect(p.samples.count == 2)
        #expect(try folded(p, 0) == "main 5\nmain;work 7\n")
        #expect(try folded(p, 1) == "main 100\n")
    }

    @Test("profiles with other samples follow, as merged inputs, with zeros for what they do not measure")
    func notMatching() throws {
        let d = document([(3, [(1, 5)]), (5, [(2, 64)]), (3, [(2, 1), (1, 1)])])
        let p = try FormatRegistry.read(encoded(d)).profile
        #expect(p.sampleTypeNames == "cpu/nanoseconds, alloc/bytes")
        #expect(p.samples.count == 4)
        #expect(try folded(p, 0) == "main 6\nmain;work 1\n")
        #expect(try folded(p, 1) == "main;work 64\n")
    }

    @Test("OTLP/JSON with the proto's snake_case names and numbers for 64-bit integers reads as lowerCamelCase does")
    func snakeCase() throws {
        let json = """
            {"resource_profiles":[{"scope_profiles":[{"profiles":[{"sample_type":{"type_strindex":1,"unit_strindex":2},
             "samples":[{"stack_index":1,"values":[3, "4"]},{"stackIndex":1,"timestamps_unix_nano":["1","2"]}]}]}]}],
             "dictionary":{"string_table":["","samples","count","f"],"function_table":[{},{"name_strindex":3}],
             "location_table":[{},{"lines":[{"function_index":1,"line":"12"}]}],"stack_table":[{},{"location_indices":[1]}]}}
            """
        let d = try readText(json)
        #expect(d.format.name == OTLPFormat.name)
        // Values add up; a sample of timestamps only counts them.
        #expect(try folded(d.profile, 0) == "f 9\n")
    }

    @Test("many profiles of one sample type and the same samples stay separate inputs, each sample once")
    func manyProfiles() throws {
        let d = document(Array(repeating: (3, [(1, 1)]), count: 20_000))
        let p = try FormatRegistry.read(encoded(d)).profile
        #expect(p.sampleTypeNames == "cpu/nanoseconds")
        #expect(p.samples.count == 20_000)
        #expect(p.totals() == [20_000])
    }

    @Test("profiles of many sample types with different samples are refused before they multiply the input")
    func manySampleTypes() throws {
        var d = document([])
        for i in 0..<2_000 {
            d.dictionary.strings.append("type\(i)")
            d.dictionary.appendStack([1])
            var profile = OTLPProfile()
            profile.sampleType = ValueType(type: Int32(d.dictionary.strings.count - 1), unit: 4)
            profile.samples.append(stack: Int32(d.dictionary.stackCount - 1), value: 1, attributes: [])
            d.profiles.append(profile)
        }
        let error = #expect(throws: ProfileError.self) { try FormatRegistry.read(encoded(d)) }
        #expect(error?.description.hasPrefix("2000 OTLP profiles of 2000 sample types with different samples would make 2000 samples") == true)
    }

    static let danglingMessages = [
        "Sample.stack_index 9 names no entry of the stack_table: it has 3",
        "Stack.location_indices 7 names no entry of the location_table: it has 3",
        "Line.function_index 4 names no entry of the function_table: it has 3",
        "Function.name_strindex 70 names no entry of the string_table: it has 7",
        "Sample.attribute_indices 2 names no entry of the attribute_table: it has 1",
    ]

    @Test("a dangling dictionary index is an error naming the field and the byte", arguments: danglingMessages.indices)
    func dangling(_ damage: Int) throws {
        var d = document([(3, [(1, 5)])])
        switch damage {
        case 0: d.profiles[0].samples.stacks[0] = 9
        case 1: d.dictionary.stackLocations[0] = 7
        case 2: d.dictionary.lines[1].function = 4
        case 3: d.dictionary.functions[2].name = 70
        default:
            d.profiles[0].samples.attributes = [2]
            d.profiles[0].samples.attributeStart = [0, 1]
        }
        let error = #expect(throws: ProfileError.self) { try FormatRegistry.read(encoded(d)) }
        #expect(error?.description.hasPrefix(Self.danglingMessages[damage] + " (byte ") == true, "\(error?.description ?? "")")
    }

    @Test("a truncated file is a protobuf error with its byte")
    func truncated() throws {
        let bytes = try encoded(document([(3, [(1, 5), (2, 7)])]))
        let error = #expect(throws: ProfileError.self) { try FormatRegistry.read(Array(bytes.dropLast(9)), format: OTLPFormat.self) }
        #expect(error?.description.contains("runs past the end of the data (byte ") == true, "\(error?.description ?? "")")
    }

    @Test("protobuf whose first length is 123, the byte of '{', after key 0x0A, a newline, is still protobuf")
    func protobufThatLooksLikeJSON() throws {
        var d = document([(3, [(1, 5)])])
        // Pad the one ResourceProfiles message to 123 bytes with the scope's name.
        var bytes = try encoded(d)
        d.defaultSampleType = String(repeating: "x", count: 123 - Int(bytes[1]) - 2 - OTLPKey.defaultSampleType.utf8.count - 6)
        bytes = try encoded(d)
        #expect(bytes[0] == 0x0A && bytes[1] == UInt8(ascii: "{"))
        #expect(!bytes.withUnsafeBytes { OTLPJSONDecoder.startsLikeJSON($0) })
        #expect(try FormatRegistry.read(bytes).profile.samples.count == 1)
    }

    @Test("OTLP is found by content and pprof stays pprof")
    func sniffing() throws {
        let otlp = try encoded(document([(3, [(1, 5)])]))
        #expect(otlp.withUnsafeBytes { OTLPFormat.sniff($0) } == .certainly)
        let pprof = try PprofFormat.encode(Fixture.decode("go1.19/busy/heap.debug0.pb.gz").profile, compress: false)
        #expect(pprof.withUnsafeBytes { OTLPFormat.sniff($0) } == .no)
        #expect(Array(#"  {"resourceProfiles":[]}"#.utf8).withUnsafeBytes { OTLPFormat.sniff($0) } == .certainly)
        #expect(Array(#"{"shared":{"frames":[]}}"#.utf8).withUnsafeBytes { OTLPFormat.sniff($0) } == .no)
    }
}
