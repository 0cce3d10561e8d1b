import ProfileCore

/// Decodes OTLP/JSON (protobuf's JSON mapping of `ProfilesData`) into an
/// ``OTLPDocument``. Keys may be lowerCamelCase or the proto's snake_case,
/// as protobuf's parsers accept both; 64-bit integers strings or numbers;
/// `null` is a field's default. Unknown keys are skipped.
struct OTLPJSONDecoder {
    private var s: JSONScanner
    private var document = OTLPDocument()

    private init(_ input: UnsafeRawBufferPointer) { s = JSONScanner(input, what: "OTLP/JSON") }

    static func decode(_ input: UnsafeRawBufferPointer) throws -> OTLPDocument {
        var d = OTLPJSONDecoder(input)
        try d.object("a ProfilesData object") { d, key in
            switch key {
            case "resourceprofiles": try d.array { d in try d.resourceProfiles() }
            case "dictionary": try d.dictionary()
            default: try d.s.skipValue()
            }
        }
        try d.s.expectEnd()
        return d.document
    }

    /// Whether `prefix` is JSON: `{` after white space and a byte order
    /// mark, and text. (Protobuf can start like that too: key 0x0A is a
    /// newline and a length of 123 is `{`; but its next bytes are keys and
    /// lengths, control bytes that text does not hold.)
    static func startsLikeJSON(_ prefix: UnsafeRawBufferPointer) -> Bool {
        let text = TextEncoding.droppingUTF8BOM(prefix)
        return UnreadableInput.firstNonSpace(text) == UInt8(ascii: "{") && TextEncoding.looksLikeText(text.prefix(64))
    }

    /// Whether `prefix` is a JSON object whose first key is one of `ProfilesData`'s.
    static func startsLikeProfilesData(_ prefix: UnsafeRawBufferPointer) -> Bool {
        guard let key = firstKey(prefix) else { return false }
        return key == "resourceprofiles" || key == "dictionary"
    }

    private static func firstKey(_ prefix: UnsafeRawBufferPointer) -> String? {
        var s = JSONScanner(TextEncoding.droppingUTF8BOM(prefix), what: "OTLP/JSON")
        var count = 0
        guard (try? s.beginObject("")) != nil, let key = try? s.nextMember(&count) else { return nil }
        return normalized(key)
    }

    /// `stackIndex` and `stack_index` alike become `stackindex`.
    private static func normalized(_ key: [UInt8]) -> String {
        String(decoding: key.lazy.filter { $0 != UInt8(ascii: "_") }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    // MARK: - Shapes

    private mutating func object(_ what: String = "an object", _ member: (inout Self, String) throws -> Void) throws {
        if try s.null() { return }
        try s.beginObject(what)
        var count = 0
        while let key = try s.nextMember(&count) {
            if try s.null() { continue }
            try member(&self, Self.normalized(key))
        }
    }

    private mutating func array(_ element: (inout Self) throws -> Void) throws {
        if try s.null() { return }
        try s.beginArray("an array")
        var count = 0
        while try s.nextElement(&count) { try element(&self) }
    }

    /// An integer, as a JSON string or number.
    private mutating func integer(_ what: String) throws -> Int64 {
        let at = s.pos
        if s.peek() == UInt8(ascii: "\"") {
            let text = try s.string()
            if let v = Int64(text) { return v }
            if let v = UInt64(text) { return Int64(bitPattern: v) }
            throw s.error("\(what) \"\(text.prefix(40))\" is not an integer", at: at)
        }
        let d = try s.number()
        guard d.rounded() == d, d >= -9.2e18, d <= 1.8e19 else { throw s.error("\(what) \(d) is not an integer", at: at) }
        return d <= 9.2e18 ? Int64(d) : Int64(bitPattern: UInt64(d))
    }

    private mutating func unsigned(_ what: String) throws -> UInt64 {
        UInt64(bitPattern: try integer(what))
    }

    private mutating func index(_ what: String) throws -> Int32 {
        let at = s.pos
        let v = try integer(what)
        guard v >= 0 && v <= Int64(Int32.max) else { throw s.error("\(what) \(v) is not a valid index", at: at) }
        return Int32(v)
    }

    private mutating func indices(_ what: String, into list: inout [Int32]) throws {
        var found: [Int32] = []
        try array { d in found.append(try d.index(what)) }
        list += found
    }

    // MARK: - Envelope

    private mutating func resourceProfiles() throws {
        try object { d, key in
            if key == "scopeprofiles" { try d.array { d in try d.scopeProfiles() } } else { try d.s.skipValue() }
        }
    }

    private mutating func scopeProfiles() throws {
        try object { d, key in
            switch key {
            case "scope": try d.scope()
            case "profiles": try d.array { d in try d.profile() }
            default: try d.s.skipValue()
            }
        }
    }

    private mutating func scope() throws {
        try object { d, key in
            guard key == "attributes" else { return try d.s.skipValue() }
            try d.array { d in
                var name = "", value = OTLPValue.none
                try d.object { d, key in
                    switch key {
                    case "key": name = try d.s.string()
                    case "value": value = try d.anyValue()
                    default: try d.s.skipValue()
                    }
                }
                if name == OTLPKey.defaultSampleType, case .string(let v) = value { d.document.defaultSampleType = v }
            }
        }
    }

    private mutating func profile() throws {
        var p = OTLPProfile()
        p.offset = s.pos
        try object { d, key in
            switch key {
            case "sampletype": p.sampleType = try d.valueType()
            case "samples": try d.array { d in try d.sample(into: &p.samples) }
            case "timeunixnano": p.timeUnixNano = try d.unsigned("Profile.time_unix_nano")
            case "durationnano": p.durationNano = try d.unsigned("Profile.duration_nano")
            case "periodtype": p.periodType = try d.valueType()
            case "period": p.period = try d.integer("Profile.period")
            case "attributeindices": try d.indices("Profile.attribute_indices", into: &p.attributes)
            default: try d.s.skipValue()
            }
        }
        document.profiles.append(p)
    }

    private mutating func valueType() throws -> ValueType {
        var t = ValueType(type: 0, unit: 0)
        try object { d, key in
            switch key {
            case "typestrindex": t.type = try d.index("ValueType.type_strindex")
            case "unitstrindex": t.unit = try d.index("ValueType.unit_strindex")
            default: try d.s.skipValue()
            }
        }
        return t
    }

    private mutating func sample(into samples: inout OTLPSamples) throws {
        let offset = s.pos
        var stack: Int32 = 0, sum: Int64 = 0, values = 0, timestamps = 0
        var attributes: [Int32] = []
        try object { d, key in
            switch key {
            case "stackindex": stack = try d.index("Sample.stack_index")
            case "attributeindices": try d.indices("Sample.attribute_indices", into: &attributes)
            case "values":
                try d.array { d in
                    sum = sum.saturatingAdd(try d.integer("Sample.values"))
                    values += 1
                }
            case "timestampsunixnano":
                try d.array { d in
                    _ = try d.unsigned("Sample.timestamps_unix_nano")
                    timestamps += 1
                }
            default: try d.s.skipValue()
            }
        }
        samples.append(stack: stack, value: values == 0 ? Int64(timestamps) : sum, attributes: attributes, offset: offset)
    }

    // MARK: - Dictionary

    private mutating func dictionary() throws {
        try object { d, key in
            switch key {
            case "mappingtable": try d.array { d in try d.mapping() }
            case "locationtable": try d.array { d in try d.location() }
            case "functiontable": try d.array { d in try d.function() }
            case "linktable": try d.array { d in
                try d.s.skipValue()
                d.document.dictionary.linkCount += 1
            }
            case "stringtable": try d.array { d in d.document.dictionary.strings.append(try d.s.string()) }
            case "attributetable": try d.array { d in try d.attribute() }
            case "stacktable": try d.array { d in
                let offset = d.s.pos
                var locations: [Int32] = []
                try d.object { d, key in
                    if key == "locationindices" { try d.indices("Stack.location_indices", into: &locations) } else { try d.s.skipValue() }
                }
                d.document.dictionary.appendStack(locations, offset: offset)
            }
            default: try d.s.skipValue()
            }
        }
    }

    private mutating func mapping() throws {
        var m = OTLPMapping()
        m.offset = s.pos
        try object { d, key in
            switch key {
            case "memorystart": m.memoryStart = try d.unsigned("Mapping.memory_start")
            case "memorylimit": m.memoryLimit = try d.unsigned("Mapping.memory_limit")
            case "fileoffset": m.fileOffset = try d.unsigned("Mapping.file_offset")
            case "filenamestrindex": m.filename = try d.index("Mapping.filename_strindex")
            case "attributeindices": try d.indices("Mapping.attribute_indices", into: &m.attributes)
            default: try d.s.skipValue()
            }
        }
        document.dictionary.mappings.append(m)
    }

    private mutating func location() throws {
        var l = OTLPLocation()
        l.offset = s.pos
        var lines: [OTLPLine] = []
        try object { d, key in
            switch key {
            case "mappingindex": l.mapping = try d.index("Location.mapping_index")
            case "address": l.address = try d.unsigned("Location.address")
            case "lines": try d.array { d in lines.append(try d.line()) }
            case "attributeindices": try d.indices("Location.attribute_indices", into: &l.attributes)
            default: try d.s.skipValue()
            }
        }
        l.lineStart = Int32(clamping: document.dictionary.lines.count)
        l.lineCount = Int32(clamping: lines.count)
        document.dictionary.lines += lines
        document.dictionary.locations.append(l)
    }

    private mutating func line() throws -> OTLPLine {
        var l = OTLPLine()
        l.offset = s.pos
        try object { d, key in
            switch key {
            case "functionindex": l.function = try d.index("Line.function_index")
            case "line": l.line = try d.integer("Line.line")
            case "column": l.column = try d.integer("Line.column")
            default: try d.s.skipValue()
            }
        }
        return l
    }

    private mutating func function() throws {
        var f = OTLPFunction()
        f.offset = s.pos
        try object { d, key in
            switch key {
            case "namestrindex": f.name = try d.index("Function.name_strindex")
            case "systemnamestrindex": f.systemName = try d.index("Function.system_name_strindex")
            case "filenamestrindex": f.filename = try d.index("Function.filename_strindex")
            case "startline": f.startLine = try d.integer("Function.start_line")
            default: try d.s.skipValue()
            }
        }
        document.dictionary.functions.append(f)
    }

    private mutating func attribute() throws {
        var a = OTLPAttribute()
        a.offset = s.pos
        try object { d, key in
            switch key {
            case "keystrindex": a.key = try d.index("KeyValueAndUnit.key_strindex")
            case "value": a.value = try d.anyValue()
            case "unitstrindex": a.unit = try d.index("KeyValueAndUnit.unit_strindex")
            default: try d.s.skipValue()
            }
        }
        document.dictionary.attributes.append(a)
    }

    private mutating func anyValue() throws -> OTLPValue {
        var v = OTLPValue.none
        try object { d, key in
            switch key {
            case "stringvalue": v = .string(try d.s.string())
            case "boolvalue":
                let at = d.s.pos
                switch d.s.peek() {
                case UInt8(ascii: "t"), UInt8(ascii: "f"):
                    let t = d.s.peek() == UInt8(ascii: "t")
                    try d.s.skipValue()
                    v = .bool(t)
                default: throw d.s.error("AnyValue.bool_value should be true or false", at: at)
                }
            case "intvalue": v = .int(try d.integer("AnyValue.int_value"))
            case "doublevalue":
                if d.s.peek() == UInt8(ascii: "\"") {
                    v = .double(Double(try d.s.string()) ?? .nan)
                } else {
                    v = .double(try d.s.number())
                }
            case "stringvaluestrindex": v = .stringIndex(try d.index("AnyValue.string_value_strindex"))
            case "arrayvalue", "kvlistvalue", "bytesvalue":
                try d.s.skipValue()
                v = .other
            default: try d.s.skipValue()
            }
        }
        return v
    }
}
