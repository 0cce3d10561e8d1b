@testable import ProfileFormats
import ProfileCore
import Testing

/// Builds small protobuf profiles by hand, field by field.
private struct ProtoProfile {
    var w = WireWriter()

    /// A minimal valid profile: one sample type, one function, one location.
    static func minimal(locationIDs: [UInt64] = [1], packed: Bool = true) -> ProtoProfile {
        var p = ProtoProfile()
        p.valueType(field: 1, type: 1, unit: 2)
        p.sample(locationIDs: locationIDs, values: [7], packed: packed)
        p.location(id: 1, functionID: 1, line: 10)
        p.function(id: 1, name: 3)
        for s in ["", "samples", "count", "main.f"] { p.w.string(6, s) }
        return p
    }

    mutating func valueType(field: Int, type: Int64, unit: Int64) {
        var m = WireWriter()
        m.int(1, type)
        m.int(2, unit)
        w.message(field, m)
    }

    mutating func sample(locationIDs: [UInt64], values: [Int64], packed: Bool = true) {
        var m = WireWriter()
        if packed {
            m.packed(1, locationIDs) { $0 }
            m.packed(2, values) { UInt64(bitPattern: $0) }
        } else {
            for id in locationIDs { m.key(1, .varint); m.varint(id) }
            for v in values { m.key(2, .varint); m.varint(UInt64(bitPattern: v)) }
        }
        w.message(2, m)
    }

    mutating func location(id: UInt64, functionID: UInt64, line: Int64) {
        var l = WireWriter()
        l.uint(1, functionID)
        l.int(2, line)
        var m = WireWriter()
        m.uint(1, id)
        m.uint(3, 0x1000 + id)
        m.message(4, l)
        w.message(4, m)
    }

    mutating func function(id: UInt64, name: Int64) {
        var m = WireWriter()
        m.uint(1, id)
        m.int(2, name)
        w.message(5, m)
    }

    func decode() throws -> Profile {
        try w.bytes.withUnsafeBytes { try PprofDecoder.decode($0) }
    }
}

@Suite("pprof wire codec")
struct PprofWireTests {
    @Test("a minimal profile decodes with its names and values")
    func minimal() throws {
        let p = try ProtoProfile.minimal().decode()
        #expect(p.samples.count == 1)
        #expect(p.totals() == [7])
        #expect(p.string(p.functions[0].name) == "main.f")
        #expect(p.lines(ofLocation: 0).first?.line == 10)
    }

    @Test("repeated fields are accepted unpacked as well as packed")
    func unpacked() throws {
        let packed = try ProtoProfile.minimal(packed: true).decode()
        let unpacked = try ProtoProfile.minimal(packed: false).decode()
        #expect(Array(packed.samples.locations(of: 0)) == Array(unpacked.samples.locations(of: 0)))
        #expect(packed.totals() == unpacked.totals())
    }

    @Test("unknown fields of every wire type are skipped")
    func unknownFields() throws {
        var p = ProtoProfile.minimal()
        p.w.key(99, .varint); p.w.varint(5)
        p.w.key(98, .fixed64); p.w.bytes += [UInt8](repeating: 1, count: 8)
        p.w.key(97, .fixed32); p.w.bytes += [1, 2, 3, 4]
        p.w.key(96, .bytes); p.w.varint(3); p.w.bytes += [1, 2, 3]
        #expect(try p.decode().totals() == [7])
    }

    @Test("the largest 10-byte varint decodes; an 11-byte varint is an error with its offset")
    func varintLimits() throws {
        let largest: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        let max: UInt64 = try largest.withUnsafeBytes {
            var r = WireReader($0)
            return try r.varint()
        }
        #expect(max == UInt64.max)
        let tooLong: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        #expect(throws: ProfileError.atByte(0, "protobuf varint is longer than 10 bytes")) {
            try tooLong.withUnsafeBytes { var r = WireReader($0); _ = try r.varint() }
        }
    }

    @Test("a profile cut in the middle of a varint names the byte where the varint began")
    func truncatedVarint() throws {
        var bytes = ProtoProfile.minimal().w.bytes
        bytes += [0x48, 0x80, 0x80]  // field 9 (time_nanos), then an unfinished varint
        let start = bytes.count - 2
        #expect(throws: ProfileError.atByte(start, "protobuf varint is cut off by the end of the data")) {
            try bytes.withUnsafeBytes { try PprofDecoder.decode($0) }
        }
    }

    @Test("a length running past the end is an error")
    func lengthPastEnd() {
        let bytes: [UInt8] = [0x12, 0x7F, 0x01]
        #expect(throws: ProfileError.self) { try bytes.withUnsafeBytes { try PprofDecoder.decode($0) } }
    }

    @Test("wire types 3, 4, 6 and 7 are rejected")
    func badWireType() {
        for wire: UInt8 in [3, 4, 6, 7] {
            let bytes: [UInt8] = [0x10 | wire, 0x00]
            #expect(throws: ProfileError.self) { try bytes.withUnsafeBytes { try PprofDecoder.decode($0) } }
        }
    }

    @Test("a dangling location id is an error naming the sample and its offset")
    func danglingLocation() throws {
        let p = ProtoProfile.minimal(locationIDs: [1, 42])
        let error = #expect(throws: ProfileError.self) { try p.decode() }
        #expect(error?.message == "sample 1 refers to location id 42, which does not exist")
        #expect(error?.place == .byte(6))  // after the 6-byte sample_type message
    }

    @Test("a string index out of range is an error")
    func stringOutOfRange() {
        var p = ProtoProfile.minimal()
        p.function(id: 2, name: 99)
        let error = #expect(throws: ProfileError.self) { try p.decode() }
        #expect(error?.message.contains("refers to string 99") == true)
    }

    @Test("duplicate function ids are an error")
    func duplicateIDs() {
        var p = ProtoProfile.minimal()
        p.function(id: 1, name: 3)
        #expect(throws: ProfileError.atByte(59, "two functions have the same id 1")) { try p.decode() }
    }

    @Test("a sample with the wrong number of values is an error")
    func valueCountMismatch() {
        var p = ProtoProfile.minimal()
        p.sample(locationIDs: [1], values: [1, 2])
        let error = #expect(throws: ProfileError.self) { try p.decode() }
        #expect(error?.message == "sample 2 has 2 values but the profile has 1 sample types")
    }

    @Test("two time_nanos fields mean two concatenated profiles: an error")
    func concatenated() {
        var p = ProtoProfile.minimal()
        p.w.uint(9, 1)
        p.w.uint(9, 2)
        let error = #expect(throws: ProfileError.self) { try p.decode() }
        #expect(error?.message.contains("two profiles concatenated") == true)
        // The library says what to do without naming a command; the CLI names `profconv convert A B`.
        #expect(error?.hint == .separateInputs)
        #expect(error?.description.contains("profconv") == false)
    }

    @Test("the string table must start with an empty string")
    func stringTableStart() {
        var w = WireWriter()
        w.string(6, "x")
        #expect(throws: ProfileError.self) { try w.bytes.withUnsafeBytes { try PprofDecoder.decode($0) } }
    }
}

@Suite("pprof strings byte for byte")
struct PprofStringBytesTests {
    @Test("strings that are not valid UTF-8 are written back byte for byte; reports see U+FFFD")
    func invalidUTF8RoundTrip() throws {
        var w = WireWriter()
        var vt = WireWriter()
        vt.int(1, 1)
        vt.int(2, 2)
        w.message(1, vt)
        var sample = WireWriter()
        sample.packed(1, [UInt64(1)]) { $0 }
        sample.packed(2, [Int64(3)]) { UInt64(bitPattern: $0) }
        w.message(2, sample)
        var line = WireWriter()
        line.uint(1, 1)
        var loc = WireWriter()
        loc.uint(1, 1)
        loc.message(4, line)
        w.message(4, loc)
        var fn = WireWriter()
        fn.uint(1, 1)
        fn.int(2, 3)
        fn.int(3, 3)
        w.message(5, fn)
        let bad: [UInt8] = [0x66, 0xFF, 0xFE, 0x6F, 0xF0, 0x90, 0x80]  // "f", two invalid bytes, "o", a cut 4-byte sequence
        for s in ["", "samples", "count"] { w.string(6, s) }
        w.bytesField(6, bad)
        let p = try w.bytes.withUnsafeBytes { try PprofDecoder.decode($0) }
        #expect(p.string(p.functions[0].name) == "f\u{FFFD}\u{FFFD}o\u{FFFD}")
        #expect(p.strings.storedBytes(p.functions[0].name) == bad)
        let encoded = try PprofFormat.encode(p, compress: false)
        #expect(encoded.withUnsafeBytes { e in bad.withUnsafeBytes { e.firstRange(of: $0) } } != nil)
        let back = try FormatRegistry.read(encoded).profile
        #expect(back.strings.storedBytes(back.functions[0].name) == bad)
        // Valid strings carry no copy.
        #expect(back.strings.originalBytes.count == 1)
    }

    @Test("a real-looking file with invalid UTF-8 in a name, a file and a label re-encodes to the same strings")
    func fixtureRoundTrip() throws {
        let d = try Fixture.decode("handwritten/invalid-utf8.pb.gz")
        #expect(d.profile.strings.originalBytes.count == 3)
        let back = try FormatRegistry.read(PprofFormat.encode(d.profile)).profile
        #expect((0..<Int32(back.strings.count)).map { back.strings.storedBytes($0) }
                == (0..<Int32(d.profile.strings.count)).map { d.profile.strings.storedBytes($0) })
    }
}
