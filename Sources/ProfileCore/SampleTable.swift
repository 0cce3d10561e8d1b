/// The samples of a profile, stored column-wise.
///
/// Sample `i` has locations `locations[locationStart[i]..<locationStart[i+1]]`
/// (indices into `Profile.locations`, **leaf first**, as in pprof), values
/// `values[i*valuesPerSample ..< (i+1)*valuesPerSample]` and labels
/// `labels[labelStart[i]..<labelStart[i+1]]`.
public struct SampleTable: Sendable {
    /// How many values each sample has: the profile's number of sample types.
    public private(set) var valuesPerSample: Int
    /// Location indices of all samples, concatenated, leaf first.
    public private(set) var locations: [Int32] = []
    /// Where each sample's locations start in ``locations``; one more entry than samples.
    public private(set) var locationStart: [Int32] = [0]
    /// `valuesPerSample` values per sample, concatenated.
    public private(set) var values: [Int64] = []
    /// Labels of all samples, concatenated.
    public private(set) var labels: [Label] = []
    /// Where each sample's labels start in ``labels``; one more entry than samples.
    public private(set) var labelStart: [Int32] = [0]
    /// Whether no two samples have the same location list (a reader that
    /// merged samples by stack says so), so stack builders need not merge
    /// them again. Adding a sample clears it.
    public private(set) var hasDistinctLocationLists = false

    /// An empty table of samples with `valuesPerSample` values each.
    public init(valuesPerSample: Int) {
        self.valuesPerSample = valuesPerSample
    }

    /// A table from ready-made columns (as a decoder produces them).
    public init(valuesPerSample: Int, locations: [Int32], locationStart: [Int32],
                values: [Int64], labels: [Label], labelStart: [Int32], hasDistinctLocationLists: Bool = false) {
        precondition(locationStart.count == labelStart.count && !locationStart.isEmpty)
        precondition(values.count == valuesPerSample * (locationStart.count - 1))
        self.valuesPerSample = valuesPerSample
        self.locations = locations
        self.locationStart = locationStart
        self.values = values
        self.labels = labels
        self.labelStart = labelStart
        self.hasDistinctLocationLists = hasDistinctLocationLists
    }

    /// The number of samples.
    @inlinable public var count: Int { locationStart.count - 1 }
    /// Whether there are no samples.
    @inlinable public var isEmpty: Bool { count == 0 }

    /// Appends a sample. `values.count` must equal `valuesPerSample`.
    public mutating func append<L: Sequence, V: Sequence>(
        locations newLocations: L, values newValues: V, labels newLabels: some Sequence<Label> = EmptyCollection<Label>()
    ) where L.Element == Int32, V.Element == Int64 {
        hasDistinctLocationLists = false
        locations.append(contentsOf: newLocations)
        locationStart.append(Int32(locations.count))
        let before = values.count
        values.append(contentsOf: newValues)
        precondition(values.count - before == valuesPerSample, "a sample needs one value per sample type")
        labels.append(contentsOf: newLabels)
        labelStart.append(Int32(labels.count))
    }

    /// Appends the location indices of a sample being built; finish it with `endSample`.
    public mutating func appendLocation(_ location: Int32) { locations.append(location) }
    /// Appends one value of the sample being built (see ``appendLocation(_:)``).
    public mutating func appendValue(_ value: Int64) { values.append(value) }
    /// Appends one label to the sample being built.
    public mutating func appendLabel(_ label: Label) { labels.append(label) }
    /// Closes a sample started with `appendLocation`/`appendValue`/`appendLabel`.
    public mutating func endSample() {
        hasDistinctLocationLists = false
        locationStart.append(Int32(locations.count))
        labelStart.append(Int32(labels.count))
    }

    /// Reserves room for `samples` samples with `n` locations in all, so decoders grow each column once.
    public mutating func reserveCapacity(samples: Int, locations n: Int) {
        locationStart.reserveCapacity(samples + 1)
        labelStart.reserveCapacity(samples + 1)
        values.reserveCapacity(samples * valuesPerSample)
        locations.reserveCapacity(n)
    }

    /// The locations of sample `i`, leaf first.
    @inlinable public func locations(of i: Int) -> ArraySlice<Int32> {
        locations[Int(locationStart[i])..<Int(locationStart[i + 1])]
    }
    /// The `valuesPerSample` values of sample `i`.
    @inlinable public func values(of i: Int) -> ArraySlice<Int64> {
        values[i * valuesPerSample..<(i + 1) * valuesPerSample]
    }
    /// Value `typeIndex` of sample `i`.
    @inlinable public func value(of i: Int, at typeIndex: Int) -> Int64 {
        values[i * valuesPerSample + typeIndex]
    }
    /// The labels of sample `i`.
    @inlinable public func labels(of i: Int) -> ArraySlice<Label> {
        labels[Int(labelStart[i])..<Int(labelStart[i + 1])]
    }

    /// Rewrites every value in place; `transform(typeIndex, value)`.
    public mutating func mapValues(_ transform: (Int, Int64) -> Int64) {
        let n = valuesPerSample
        guard n > 0 else { return }
        for i in values.indices { values[i] = transform(i % n, values[i]) }
    }

    /// Replaces all values, e.g. after reordering sample types. `newValuesPerSample * count` values.
    public mutating func replaceValues(_ newValues: [Int64], valuesPerSample newValuesPerSample: Int) {
        precondition(newValues.count == newValuesPerSample * count)
        values = newValues
        valuesPerSample = newValuesPerSample
    }
}
