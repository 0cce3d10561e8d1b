/// Builds a ``Profile`` from formats that name frames rather than tables
/// (folded stacks, Go text dumps): it interns strings, functions and
/// locations, so each distinct frame is stored once and ids stay small.
public struct ProfileBuilder {
    /// The profile built so far.
    public private(set) var profile = Profile()

    private struct FunctionKey: Hashable {
        var name: Int32, systemName: Int32, file: Int32, startLine: Int64
    }
    private struct LineLocationKey: Hashable {
        var address: UInt64, mapping: Int32, function: Int32, line: Int64, column: Int64
    }
    private struct LocationKey: Hashable {
        var address: UInt64, mapping: Int32, lines: [Line]
    }
    private var functionIndex: [FunctionKey: Int32] = [:]
    private var lineLocationIndex: [LineLocationKey: Int32] = [:]
    private var locationIndex: [LocationKey: Int32] = [:]

    /// A builder for a profile with the given `(type, unit)` sample types.
    public init(sampleTypes: [(type: String, unit: String)], defaultSampleType: String? = nil) {
        profile.sampleTypes = []
        for t in sampleTypes {
            let type = profile.strings.intern(t.type)
            let unit = profile.strings.intern(t.unit)
            profile.sampleTypes.append(ValueType(type: type, unit: unit))
        }
        profile.samples = SampleTable(valuesPerSample: sampleTypes.count)
        if let defaultSampleType { profile.defaultSampleType = profile.strings.intern(defaultSampleType) }
    }

    /// The string id of `s`, adding it if new.
    public mutating func intern(_ s: String) -> Int32 { profile.strings.intern(s) }

    /// The string id of the UTF-8 in `bytes`, adding it if new; makes no `String` for a known one.
    public mutating func intern(bytes: UnsafeRawBufferPointer) -> Int32 {
        profile.strings.intern(bytes: bytes)
    }

    /// The index of the function with these string ids, adding it if new.
    public mutating func function(name: Int32, systemName: Int32? = nil, file: Int32 = 0, startLine: Int64 = 0) -> Int32 {
        let key = FunctionKey(name: name, systemName: systemName ?? name, file: file, startLine: startLine)
        if let index = functionIndex[key] { return index }
        let index = Int32(profile.functions.count)
        var f = Function(id: UInt64(index) + 1)
        f.name = key.name
        f.systemName = key.systemName
        f.filename = key.file
        f.startLine = startLine
        profile.functions.append(f)
        functionIndex[key] = index
        return index
    }

    /// The index of a location with one line (and column, 0 for none), adding it if new.
    public mutating func location(function: Int32, line: Int64 = 0, column: Int64 = 0, address: UInt64 = 0, mapping: Int32 = -1) -> Int32 {
        let key = LineLocationKey(address: address, mapping: mapping, function: function, line: line, column: column)
        if let index = lineLocationIndex[key] { return index }
        let index = appendLocation(address: address, mapping: mapping, lines: CollectionOfOne(Line(functionIndex: function, line: line, column: column)))
        lineLocationIndex[key] = index
        return index
    }

    /// The index of a location with these lines (innermost inlined callee
    /// first), adding it if new. No lines makes an address-only location.
    public mutating func location(lines: [Line], address: UInt64 = 0, mapping: Int32 = -1) -> Int32 {
        if lines.count == 1 {
            return location(function: lines[0].functionIndex, line: lines[0].line, column: lines[0].column, address: address, mapping: mapping)
        }
        let key = LocationKey(address: address, mapping: mapping, lines: lines)
        if let index = locationIndex[key] { return index }
        let index = appendLocation(address: address, mapping: mapping, lines: lines)
        locationIndex[key] = index
        return index
    }

    private mutating func appendLocation(address: UInt64, mapping: Int32, lines: some Collection<Line>) -> Int32 {
        let index = Int32(profile.locations.count)
        var loc = Location(id: UInt64(index) + 1)
        loc.address = address
        loc.mappingIndex = mapping
        loc.lineStart = Int32(profile.lines.count)
        loc.lineCount = Int32(lines.count)
        profile.lines.append(contentsOf: lines)
        profile.locations.append(loc)
        return index
    }

    /// Adds a mapping and returns its index.
    public mutating func addMapping(_ mapping: Mapping) -> Int32 {
        profile.mappings.append(mapping)
        return Int32(profile.mappings.count - 1)
    }

    /// Adds a sample: location indices leaf first, one value per sample type.
    public mutating func addSample(locations: some Sequence<Int32>, values: some Sequence<Int64>, labels: some Sequence<Label> = EmptyCollection<Label>()) {
        profile.samples.append(locations: locations, values: values, labels: labels)
    }

    /// Adds a sample with arrays: the hot path of text readers. (The generic
    /// form above is not specialised across modules, and costs a retain and
    /// release per element there.)
    public mutating func addSample(locations: [Int32], values: [Int64], labels: [Label] = []) {
        profile.samples.append(locations: locations, values: values, labels: labels)
    }

    /// Adds a sample of a one-value profile.
    public mutating func addSample(locations: [Int32], value: Int64, labels: [Label] = []) {
        profile.samples.append(locations: locations, values: CollectionOfOne(value), labels: labels)
    }

    /// A string label.
    public mutating func label(_ key: String, _ value: String) -> Label {
        Label(key: intern(key), str: intern(value))
    }

    /// A numeric label with an optional unit.
    public mutating func label(_ key: String, number: Int64, unit: String = "") -> Label {
        Label(key: intern(key), num: number, numUnit: unit.isEmpty ? 0 : intern(unit))
    }

    /// Direct access for fields that need no interning (time, period, comments…).
    public mutating func withProfile<R>(_ body: (inout Profile) throws -> R) rethrows -> R {
        try body(&profile)
    }

    /// The finished profile. The builder can keep adding to its copy.
    public func build() -> Profile { profile }
}
