import ProfileCore

/// One thread of a Gecko profile: its `samples`, `stackTable`, `frameTable`
/// and `stringTable` (schema+data tables indexing each other) and its name,
/// `pid` and `tid`. Markers and the JS tracer's data are skipped.
struct GeckoThread {
    private var labels = FirefoxThreadLabels()
    private var samples: GeckoTable?
    private var stacks: GeckoTable?
    private var frames: GeckoTable?
    private var strings = FirefoxStrings()
    private var hasStrings = false

    /// The thread object at the scanner; `cpuScale` turns its
    /// `threadCPUDelta` into nanoseconds (nil: not a time).
    static func read(_ s: inout JSONScanner, cpuScale: Double?) throws -> GeckoThread {
        var t = GeckoThread()
        s.skipSpace()
        let start = s.pos
        try s.beginObject("a thread object")
        var n = 0
        while let key = try s.nextMember(&n) {
            switch key {
            case Array("samples".utf8):
                t.samples = try GeckoTable.read(&s, "samples table", [.init("stack"), .init("threadCPUDelta", scale: cpuScale ?? 0)])
            case Array("stackTable".utf8): t.stacks = try GeckoTable.read(&s, "stackTable", [.init("prefix"), .init("frame")])
            case Array("frameTable".utf8):
                t.frames = try GeckoTable.read(&s, "frameTable", [.init("location"), .init("line"), .init("column")])
            case Array("stringTable".utf8):
                try t.strings.read(&s)
                t.hasStrings = true
            default:
                if try !t.labels.take(key, &s) { try s.skipValue() }
            }
        }
        guard t.samples != nil, t.stacks != nil, t.frames != nil, t.hasStrings else {
            throw ProfileError.atByte(start, "a Gecko thread without its samples, stackTable, frameTable and stringTable")
        }
        return t
    }

    /// Adds the thread's samples to `builder`.
    mutating func emit(into builder: inout ProfileBuilder, merge: Bool, maxDepth: Int) throws {
        guard let samples, let stacks, let frames else { return }
        guard samples.present[0], stacks.present[0], stacks.present[1], frames.present[0] else {
            throw ProfileError.atByte(samples.present[0] ? stacks.offset : samples.offset,
                                      "a Gecko table's schema lacks a column it needs (samples: stack; stackTable: prefix, frame; frameTable: location)")
        }
        let locations = try frameLocations(frames, &builder)
        var table = FirefoxStacks()
        let frameOf = stacks.values[1]
        for (row, prefix) in stacks.values[0].enumerated() {
            let f = frameOf[row]
            guard f >= 0, f < locations.count else {
                throw ProfileError.atByte(stacks.offset, "stack \(row) of the stackTable names frame \(f == FirefoxNull ? "null" : String(f)), but the frameTable has \(locations.count)")
            }
            try table.append(prefix: prefix, location: locations[Int(f)], row: row, "stackTable", at: stacks.offset)
        }
        let run = FirefoxSamples(stack: samples.values[0], cpu: samples.present[1] ? samples.values[1] : [], offset: samples.offset)
        try table.emit(run, into: &builder, labels: labels.labels(&builder), merge: merge, maxDepth: maxDepth)
    }

    /// Each frame's location: its function (named from the location string,
    /// one per string) at its own line and column.
    private mutating func frameLocations(_ frames: GeckoTable, _ builder: inout ProfileBuilder) throws -> [Int32] {
        var functions = [FirefoxFunction?](repeating: nil, count: strings.count)
        var out: [Int32] = []
        out.reserveCapacity(frames.rows)
        for row in 0..<frames.rows {
            let string = frames.values[0][row]
            try strings.check(string, "frame \(row) of the frameTable", at: frames.offset)
            let i = Int(string)
            if functions[i] == nil {
                functions[i] = strings.with(i) { FirefoxFunction(location: $0, &builder) }
            }
            out.append(functions[i].unsafelyUnwrapped.location(line: frames.values[1][row], column: frames.values[2][row], &builder))
        }
        return out
    }
}

/// A function of the profile, and where it starts.
struct FirefoxFunction {
    var id: Int32
    var line: Int64
    var column: Int64

    init(id: Int32, line: Int64, column: Int64) {
        self.id = id
        self.line = line
        self.column = column
    }

    /// The function a Gecko location string names (``FirefoxLocation``).
    init(location s: UnsafeRawBufferPointer, _ builder: inout ProfileBuilder) {
        let l = FirefoxLocation(s)
        let file = l.file.map { builder.intern(bytes: UnsafeRawBufferPointer(rebasing: s[$0])) } ?? 0
        let name: Int32
        if l.rootScope, let f = l.file {
            name = builder.intern("(root scope) " + String(decoding: UnsafeRawBufferPointer(rebasing: s[f]), as: UTF8.self))
        } else {
            name = builder.intern(bytes: UnsafeRawBufferPointer(rebasing: s[l.name]))
        }
        self.init(id: builder.function(name: name, file: file, startLine: l.line), line: l.line, column: l.column)
    }

    /// A location in the function: at the frame's line and column where
    /// known (not null, above 0), else at the function's.
    func location(line frameLine: Int64, column frameColumn: Int64, _ builder: inout ProfileBuilder) -> Int32 {
        builder.location(function: id, line: frameLine > 0 ? frameLine : line, column: frameColumn > 0 ? frameColumn : column)
    }
}
