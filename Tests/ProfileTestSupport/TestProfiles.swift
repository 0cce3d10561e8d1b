import ProfileCore

/// A profile of one sample type with one sample per (stack, value). Stacks
/// are root first, each frame a function of that name; an empty stack is a
/// sample without locations (as most of Go's threadcreate samples are).
public func profile(_ stacks: [([String], Int64)], sampleType: (String, String) = ("samples", "count")) -> Profile {
    var b = ProfileBuilder(sampleTypes: [sampleType])
    for (frames, value) in stacks {
        let locations = frames.reversed().map { b.location(function: b.function(name: b.intern($0))) }
        b.addSample(locations: locations, values: [value])
    }
    return b.build()
}

/// A small CPU-like profile (samples/count and cpu/nanoseconds, 10 ms a
/// sample) written as folded-like stacks: `"main;a;b:12": 5`, root first, an
/// optional `:LINE` per frame. Functions named `lib.*` are in `/src/lib.go`,
/// the others in `/src/main.go`; `build` may add labels to each sample.
public func profile(_ stacks: [(String, Int64)],
                    build extra: ((inout ProfileBuilder) -> [Label])? = nil) -> Profile {
    var b = ProfileBuilder(sampleTypes: [("samples", "count"), ("cpu", "nanoseconds")])
    var functions: [String: Int32] = [:]
    for (stack, value) in stacks {
        var locs: [Int32] = []
        for frame in stack.split(separator: ";").reversed() {
            let parts = frame.split(separator: ":")
            let name = String(parts[0])
            let line = parts.count > 1 ? Int64(parts[1])! : 1
            let f = functions[name] ?? {
                let file = b.intern(name.hasPrefix("lib.") ? "/src/lib.go" : "/src/main.go")
                let f = b.function(name: b.intern(name), file: file)
                functions[name] = f
                return f
            }()
            locs.append(b.location(function: f, line: line))
        }
        let l = extra?(&b) ?? []
        b.addSample(locations: locs, values: [value, value * 10_000_000], labels: l)
    }
    return b.build()
}
