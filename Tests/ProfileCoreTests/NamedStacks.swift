import ProfileCore

/// A profile of one sample type with one sample per (stack, value); stacks
/// are root first, each frame a function of that name.
func profile(_ stacks: [([String], Int64)]) -> Profile {
    var b = ProfileBuilder(sampleTypes: [("samples", "count")])
    for (frames, value) in stacks {
        let locations = frames.reversed().map { b.location(function: b.function(name: b.intern($0))) }
        b.addSample(locations: locations, values: [value])
    }
    return b.build()
}
