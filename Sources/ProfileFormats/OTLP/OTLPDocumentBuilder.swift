import ProfileCore

/// Turns a ``Profile`` into an ``OTLPDocument`` by the rules of the
/// OpenTelemetry collector's pprof translator: one `Profile` per sample
/// type, each with every sample (so their samples match and read back as
/// one pprof profile), all sharing one dictionary whose entry 0 is the zero
/// value of each table; labels become attributes (numeric ones with their
/// unit), pprof-only fields become the `pprof.*` attributes of the
/// semantic conventions, the build id `process.executable.build_id.gnu`.
struct OTLPDocumentBuilder {
    private var strings: StringTable
    private var dictionary = OTLPDictionary()
    private var attributeIndex: [OTLPAttribute: Int32] = [:]

    private init(_ profile: Profile) {
        // The profile's strings keep their ids: names need no renumbering.
        strings = StringTable(verbatim: profile.strings.strings)
    }

    static func document(_ profile: Profile) -> OTLPDocument {
        var b = OTLPDocumentBuilder(profile)
        return b.build(profile)
    }

    private mutating func build(_ p: Profile) -> OTLPDocument {
        dictionary.mappings = [OTLPMapping()]
        dictionary.functions = [OTLPFunction()]
        dictionary.locations = [OTLPLocation()]
        dictionary.attributes = [OTLPAttribute()]
        dictionary.appendStack(EmptyCollection())
        dictionary.linkCount = 1
        attributeIndex[OTLPAttribute()] = 0

        for m in p.mappings {
            var attributes: [Int32] = []
            if m.buildID != 0 { attributes.append(attribute(OTLPKey.buildID, .string(p.strings[m.buildID]))) }
            for (flag, key) in [(m.hasFunctions, OTLPKey.hasFunctions), (m.hasFilenames, OTLPKey.hasFilenames),
                                (m.hasLineNumbers, OTLPKey.hasLineNumbers), (m.hasInlineFrames, OTLPKey.hasInlineFrames)] where flag {
                attributes.append(attribute(key, .bool(true)))
            }
            dictionary.mappings.append(OTLPMapping(memoryStart: m.memoryStart, memoryLimit: m.memoryLimit,
                                                   fileOffset: m.fileOffset, filename: m.filename, attributes: attributes))
        }
        for f in p.functions {
            dictionary.functions.append(OTLPFunction(name: f.name, systemName: f.systemName, filename: f.filename, startLine: f.startLine))
        }
        for l in p.lines {
            dictionary.lines.append(OTLPLine(function: l.functionIndex + 1, line: l.line, column: l.column))
        }
        for loc in p.locations {
            dictionary.locations.append(OTLPLocation(
                mapping: loc.mappingIndex + 1, address: loc.address, lineStart: loc.lineStart, lineCount: loc.lineCount,
                attributes: loc.isFolded ? [attribute(OTLPKey.isFolded, .bool(true))] : []))
        }

        let samples = sharedSamples(p)
        var document = OTLPDocument()
        let metadata = profileAttributes(p)
        for t in p.sampleTypes.indices {
            var profile = OTLPProfile()
            profile.sampleType = p.sampleTypes[t]
            profile.periodType = p.periodType
            profile.period = p.period
            profile.timeUnixNano = UInt64(bitPattern: p.timeNanos)
            profile.durationNano = UInt64(bitPattern: p.durationNanos)
            profile.attributes = metadata
            profile.samples = samples
            for i in 0..<p.samples.count { profile.samples.values[i] = p.samples.value(of: i, at: t) }
            document.profiles.append(profile)
        }
        if p.defaultSampleType != 0 { document.defaultSampleType = p.strings[p.defaultSampleType] }
        dictionary.strings = strings.strings
        document.dictionary = dictionary
        return document
    }

    /// The samples every profile shares, with values still zero: location
    /// lists become stacks (one per distinct list), labels attributes.
    private mutating func sharedSamples(_ p: Profile) -> OTLPSamples {
        var samples = OTLPSamples()
        var stackIndex: [ArraySlice<Int32>: Int32] = [[]: 0]
        var labels: [Int32] = []
        for i in 0..<p.samples.count {
            let list = p.samples.locations(of: i)
            let stack: Int32
            if let s = stackIndex[list] {
                stack = s
            } else {
                stack = Int32(dictionary.stackCount)
                dictionary.appendStack(list.lazy.map { $0 + 1 })
                stackIndex[list] = stack
            }
            labels.removeAll(keepingCapacity: true)
            for l in p.samples.labels(of: i) {
                let key = p.strings[l.key]
                labels.append(l.isString
                    ? attribute(key, .string(p.strings[l.str]))
                    : attribute(key, .int(l.num), unit: l.numUnit == 0 ? "" : p.strings[l.numUnit]))
            }
            samples.append(stack: stack, value: 0, attributes: labels)
        }
        return samples
    }

    /// Comments, drop and keep frames and the documentation link, as the
    /// profile-level `pprof.profile.*` attributes.
    private mutating func profileAttributes(_ p: Profile) -> [Int32] {
        var attributes = p.comments.map { attribute(OTLPKey.comment, .string(p.strings[$0])) }
        for (id, key) in [(p.dropFrames, OTLPKey.dropFrames), (p.keepFrames, OTLPKey.keepFrames), (p.docURL, OTLPKey.docURL)] where id != 0 {
            attributes.append(attribute(key, .string(p.strings[id])))
        }
        return attributes
    }

    private mutating func attribute(_ key: String, _ value: OTLPValue, unit: String = "") -> Int32 {
        let a = OTLPAttribute(key: strings.intern(key), value: value, unit: unit.isEmpty ? 0 : strings.intern(unit))
        if let i = attributeIndex[a] { return i }
        let i = Int32(dictionary.attributes.count)
        dictionary.attributes.append(a)
        attributeIndex[a] = i
        return i
    }
}
