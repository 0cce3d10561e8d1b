import ProfileCore

/// Decodes a protobuf `ProfilesData` into an ``OTLPDocument``, with the wire
/// checks every protobuf reader shares (``WireReader``). A field seen twice
/// merges as protobuf merges: repeated fields add up, a second dictionary
/// extends the first. Unknown fields are skipped.
struct OTLPProtobufDecoder {
    private var document = OTLPDocument()

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> OTLPDocument {
        var d = OTLPProtobufDecoder()
        var r = WireReader(bytes)
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: try d.resourceProfiles(message(&r, wire, field, "ProfilesData"))
            case 2: try d.dictionary(message(&r, wire, field, "ProfilesData"))
            default: try r.skip(wire)
            }
        }
        return d.document
    }

    // MARK: - Helpers

    private static func message(_ r: inout WireReader, _ wire: WireType, _ field: UInt64, _ owner: String) throws -> WireReader {
        guard wire == .bytes else {
            throw r.error("protobuf field \(field) of \(owner) should be a message but has wire type \(wire.rawValue)")
        }
        return try r.subMessage()
    }

    /// An `int32` index: negative and oversized values are refused here.
    private static func index(_ r: inout WireReader, _ wire: WireType, _ field: UInt64, _ what: String) throws -> Int32 {
        let at = r.offset
        let v = Int64(bitPattern: try r.integer(wire, field: field))
        guard v >= 0 && v <= Int64(Int32.max) else { throw r.error("\(what) \(v) is not a valid index", at: at) }
        return Int32(v)
    }

    private static func indices(_ r: inout WireReader, _ wire: WireType, _ field: UInt64, _ what: String,
                                into list: inout [Int32]) throws {
        let at = r.offset
        var bad: Int64?
        try r.repeatedIntegers(wire, field: field) { raw in
            let v = Int64(bitPattern: raw)
            if v >= 0 && v <= Int64(Int32.max) { list.append(Int32(v)) } else if bad == nil { bad = v }
        }
        if let bad { throw r.error("\(what) \(bad) is not a valid index", at: at) }
    }

    private static func string(_ r: inout WireReader, _ wire: WireType, _ field: UInt64, _ owner: String) throws -> String {
        let s = try message(&r, wire, field, owner)
        return String(decoding: s.bytes, as: UTF8.self)
    }

    // MARK: - Envelope

    private mutating func resourceProfiles(_ r: WireReader) throws {
        var r = r
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            if field == 2 { try scopeProfiles(Self.message(&r, wire, field, "ResourceProfiles")) } else { try r.skip(wire) }
        }
    }

    private mutating func scopeProfiles(_ r: WireReader) throws {
        var r = r
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            switch field {
            case 1: try scope(Self.message(&r, wire, field, "ScopeProfiles"))
            case 2: try profile(Self.message(&r, wire, field, "ScopeProfiles"), at: at)
            default: try r.skip(wire)
            }
        }
    }

    /// Only the scope attribute `pprof.scope.default_sample_type` matters.
    private mutating func scope(_ r: WireReader) throws {
        var r = r
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            guard field == 3 else { try r.skip(wire); continue }
            var kv = try Self.message(&r, wire, field, "InstrumentationScope")
            var key = "", value = OTLPValue.none
            while !kv.isAtEnd {
                let (f, w) = try kv.tag()
                switch f {
                case 1: key = try Self.string(&kv, w, f, "KeyValue")
                case 2: value = try anyValue(Self.message(&kv, w, f, "KeyValue"))
                default: try kv.skip(w)
                }
            }
            if key == OTLPKey.defaultSampleType, case .string(let s) = value { document.defaultSampleType = s }
        }
    }

    private mutating func profile(_ r: WireReader, at offset: Int) throws {
        var r = r
        var p = OTLPProfile()
        p.offset = offset
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: p.sampleType = try valueType(Self.message(&r, wire, field, "Profile"))
            case 2:
                let at = r.offset
                try sample(Self.message(&r, wire, field, "Profile"), at: at, into: &p.samples)
            case 3: p.timeUnixNano = try r.integer(wire, field: field)
            case 4: p.durationNano = try r.integer(wire, field: field)
            case 5: p.periodType = try valueType(Self.message(&r, wire, field, "Profile"))
            case 6: p.period = Int64(bitPattern: try r.integer(wire, field: field))
            case 11: try Self.indices(&r, wire, field, "Profile.attribute_indices", into: &p.attributes)
            default: try r.skip(wire)
            }
        }
        document.profiles.append(p)
    }

    private func valueType(_ r: WireReader) throws -> ValueType {
        var r = r
        var t = ValueType(type: 0, unit: 0)
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: t.type = try Self.index(&r, wire, field, "ValueType.type_strindex")
            case 2: t.unit = try Self.index(&r, wire, field, "ValueType.unit_strindex")
            default: try r.skip(wire)
            }
        }
        return t
    }

    private func sample(_ r: WireReader, at offset: Int, into samples: inout OTLPSamples) throws {
        var r = r
        var stack: Int32 = 0
        var sum: Int64 = 0
        var values = 0, timestamps = 0
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: stack = try Self.index(&r, wire, field, "Sample.stack_index")
            case 2: try Self.indices(&r, wire, field, "Sample.attribute_indices", into: &samples.attributes)
            case 4:
                try r.repeatedIntegers(wire, field: field) {
                    sum = sum.saturatingAdd(Int64(bitPattern: $0))
                    values += 1
                }
            case 5:
                // fixed64, packed or one by one.
                if wire == .bytes {
                    var packed = try r.subMessage()
                    while !packed.isAtEnd {
                        _ = try packed.fixed64()
                        timestamps += 1
                    }
                } else {
                    _ = try r.integer(wire, field: field)
                    timestamps += 1
                }
            default: try r.skip(wire)
            }
        }
        samples.stacks.append(stack)
        samples.values.append(values == 0 ? Int64(timestamps) : sum)
        samples.attributeStart.append(Int32(samples.attributes.count))
        samples.offsets.append(offset)
    }

    // MARK: - Dictionary

    private mutating func dictionary(_ r: WireReader) throws {
        var r = r
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            switch field {
            case 1: try mapping(Self.message(&r, wire, field, "ProfilesDictionary"), at: at)
            case 2: try location(Self.message(&r, wire, field, "ProfilesDictionary"), at: at)
            case 3: try function(Self.message(&r, wire, field, "ProfilesDictionary"), at: at)
            case 4:
                _ = try Self.message(&r, wire, field, "ProfilesDictionary")
                document.dictionary.linkCount += 1
            case 5: document.dictionary.strings.append(try Self.string(&r, wire, field, "ProfilesDictionary"))
            case 6: try attribute(Self.message(&r, wire, field, "ProfilesDictionary"), at: at)
            case 7:
                var s = try Self.message(&r, wire, field, "ProfilesDictionary")
                var locations: [Int32] = []
                while !s.isAtEnd {
                    let (f, w) = try s.tag()
                    if f == 1 { try Self.indices(&s, w, f, "Stack.location_indices", into: &locations) } else { try s.skip(w) }
                }
                document.dictionary.appendStack(locations, offset: at)
            default: try r.skip(wire)
            }
        }
    }

    private mutating func mapping(_ r: WireReader, at offset: Int) throws {
        var r = r
        var m = OTLPMapping()
        m.offset = offset
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: m.memoryStart = try r.integer(wire, field: field)
            case 2: m.memoryLimit = try r.integer(wire, field: field)
            case 3: m.fileOffset = try r.integer(wire, field: field)
            case 4: m.filename = try Self.index(&r, wire, field, "Mapping.filename_strindex")
            case 5: try Self.indices(&r, wire, field, "Mapping.attribute_indices", into: &m.attributes)
            default: try r.skip(wire)
            }
        }
        document.dictionary.mappings.append(m)
    }

    private mutating func location(_ r: WireReader, at offset: Int) throws {
        var r = r
        var l = OTLPLocation()
        l.offset = offset
        l.lineStart = Int32(clamping: document.dictionary.lines.count)
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            switch field {
            case 1: l.mapping = try Self.index(&r, wire, field, "Location.mapping_index")
            case 2: l.address = try r.integer(wire, field: field)
            case 3:
                try line(Self.message(&r, wire, field, "Location"), at: at)
                l.lineCount += 1
            case 4: try Self.indices(&r, wire, field, "Location.attribute_indices", into: &l.attributes)
            default: try r.skip(wire)
            }
        }
        document.dictionary.locations.append(l)
    }

    private mutating func line(_ r: WireReader, at offset: Int) throws {
        var r = r
        var l = OTLPLine()
        l.offset = offset
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: l.function = try Self.index(&r, wire, field, "Line.function_index")
            case 2: l.line = Int64(bitPattern: try r.integer(wire, field: field))
            case 3: l.column = Int64(bitPattern: try r.integer(wire, field: field))
            default: try r.skip(wire)
            }
        }
        document.dictionary.lines.append(l)
    }

    private mutating func function(_ r: WireReader, at offset: Int) throws {
        var r = r
        var f = OTLPFunction()
        f.offset = offset
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: f.name = try Self.index(&r, wire, field, "Function.name_strindex")
            case 2: f.systemName = try Self.index(&r, wire, field, "Function.system_name_strindex")
            case 3: f.filename = try Self.index(&r, wire, field, "Function.filename_strindex")
            case 4: f.startLine = Int64(bitPattern: try r.integer(wire, field: field))
            default: try r.skip(wire)
            }
        }
        document.dictionary.functions.append(f)
    }

    private mutating func attribute(_ r: WireReader, at offset: Int) throws {
        var r = r
        var a = OTLPAttribute()
        a.offset = offset
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: a.key = try Self.index(&r, wire, field, "KeyValueAndUnit.key_strindex")
            case 2: a.value = try anyValue(Self.message(&r, wire, field, "KeyValueAndUnit"))
            case 3: a.unit = try Self.index(&r, wire, field, "KeyValueAndUnit.unit_strindex")
            default: try r.skip(wire)
            }
        }
        document.dictionary.attributes.append(a)
    }

    /// The last of the oneof's fields wins, as protobuf decodes a oneof.
    private func anyValue(_ r: WireReader) throws -> OTLPValue {
        var r = r
        var v = OTLPValue.none
        while !r.isAtEnd {
            let (field, wire) = try r.tag()
            switch field {
            case 1: v = .string(try Self.string(&r, wire, field, "AnyValue"))
            case 2: v = .bool(try r.integer(wire, field: field) != 0)
            case 3: v = .int(Int64(bitPattern: try r.integer(wire, field: field)))
            case 4: v = .double(Double(bitPattern: try r.integer(wire, field: field)))
            case 5, 6, 7:
                try r.skip(wire)
                v = .other
            case 8: v = .stringIndex(try Self.index(&r, wire, field, "AnyValue.string_value_strindex"))
            default: try r.skip(wire)
            }
        }
        return v
    }
}
