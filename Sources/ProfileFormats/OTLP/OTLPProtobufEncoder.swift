import ProfileCore

/// Writes an ``OTLPDocument`` as a protobuf `ProfilesData`, fields in
/// number order as protobuf's own serializers write them: one
/// `ResourceProfiles` with one `ScopeProfiles` holding every profile, then
/// the dictionary.
enum OTLPProtobufEncoder {
    static func encode(_ d: OTLPDocument, to emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var out = WireWriter()
        out.message(1, resourceProfiles(d))
        try out.bytes.withUnsafeBytes(emit)
        out.removeAll()
        try dictionary(d.dictionary, into: &out, emit: emit)
    }

    private static func resourceProfiles(_ d: OTLPDocument) -> WireWriter {
        var scope = WireWriter()
        var instrumentation = WireWriter()
        instrumentation.string(1, "profconv")
        if let name = d.defaultSampleType {
            var value = WireWriter()
            value.string(1, name)
            var keyValue = WireWriter()
            keyValue.string(1, OTLPKey.defaultSampleType)
            keyValue.message(2, value)
            instrumentation.message(3, keyValue)
        }
        scope.message(1, instrumentation)
        for p in d.profiles { scope.message(2, profile(p)) }
        var resource = WireWriter()
        resource.message(2, scope)
        return resource
    }

    private static func profile(_ p: OTLPProfile) -> WireWriter {
        var w = WireWriter()
        w.message(1, valueType(p.sampleType))
        var sample = WireWriter()
        for i in 0..<p.samples.count {
            sample.removeAll()
            sample.int(1, Int64(p.samples.stacks[i]))
            sample.packed(2, p.samples.attributes(of: i)) { UInt64(bitPattern: Int64($0)) }
            // One value, even zero: a sample with no value would be a count of timestamps.
            sample.packed(4, CollectionOfOne(p.samples.values[i])) { UInt64(bitPattern: $0) }
            w.message(2, sample)
        }
        if p.timeUnixNano != 0 {
            w.key(3, .fixed64)
            withUnsafeBytes(of: p.timeUnixNano.littleEndian) { w.bytes += $0 }
        }
        w.uint(4, p.durationNano)
        if let t = p.periodType { w.message(5, valueType(t)) }
        w.int(6, p.period)
        w.packed(11, p.attributes) { UInt64(bitPattern: Int64($0)) }
        return w
    }

    private static func valueType(_ t: ValueType) -> WireWriter {
        var w = WireWriter()
        w.int(1, Int64(t.type))
        w.int(2, Int64(t.unit))
        return w
    }

    private static func dictionary(_ d: OTLPDictionary, into out: inout WireWriter,
                                   emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var w = WireWriter()
        var inner = WireWriter()
        for m in d.mappings {
            inner.removeAll()
            inner.uint(1, m.memoryStart)
            inner.uint(2, m.memoryLimit)
            inner.uint(3, m.fileOffset)
            inner.int(4, Int64(m.filename))
            inner.packed(5, m.attributes) { UInt64(bitPattern: Int64($0)) }
            w.message(1, inner)
        }
        var line = WireWriter()
        for l in d.locations {
            inner.removeAll()
            inner.int(1, Int64(l.mapping))
            inner.uint(2, l.address)
            for x in d.lines[Int(l.lineStart)..<Int(l.lineStart + l.lineCount)] {
                line.removeAll()
                line.int(1, Int64(x.function))
                line.int(2, x.line)
                line.int(3, x.column)
                inner.message(3, line)
            }
            inner.packed(4, l.attributes) { UInt64(bitPattern: Int64($0)) }
            w.message(2, inner)
        }
        for f in d.functions {
            inner.removeAll()
            inner.int(1, Int64(f.name))
            inner.int(2, Int64(f.systemName))
            inner.int(3, Int64(f.filename))
            inner.int(4, f.startLine)
            w.message(3, inner)
        }
        for _ in 0..<d.linkCount { w.message(4, WireWriter()) }
        for s in d.strings { w.string(5, s) }
        for a in d.attributes {
            inner.removeAll()
            inner.int(1, Int64(a.key))
            if a.value != .none { inner.message(2, anyValue(a.value)) }
            inner.int(3, Int64(a.unit))
            w.message(6, inner)
        }
        for s in 0..<d.stackCount {
            inner.removeAll()
            inner.packed(1, d.stack(s)) { UInt64(bitPattern: Int64($0)) }
            w.message(7, inner)
        }
        out.message(2, w)
        try out.bytes.withUnsafeBytes(emit)
    }

    private static func anyValue(_ v: OTLPValue) -> WireWriter {
        var w = WireWriter()
        switch v {
        case .string(let s): w.string(1, s)
        case .bool(let b):
            w.key(2, .varint)
            w.varint(b ? 1 : 0)
        case .int(let i):
            w.key(3, .varint)
            w.varint(UInt64(bitPattern: i))
        case .double(let d):
            w.key(4, .fixed64)
            withUnsafeBytes(of: d.bitPattern.littleEndian) { w.bytes += $0 }
        case .stringIndex(let i):
            w.key(8, .varint)
            w.varint(UInt64(bitPattern: Int64(i)))
        case .none, .other: break
        }
        return w
    }
}
