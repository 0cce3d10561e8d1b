import ProfileCore

/// What ``SafariFormat`` reads of a recording: stack traces (each a run of
/// locations, leaf first) and, by group, the durations that pair with them.
struct SafariRecordingReader {
    private var builder = ProfileBuilder(sampleTypes: [("samples", "count"), ("cpu", "nanoseconds")], defaultSampleType: "cpu")
    private var frames = SafariFrames()
    /// Locations of all stack traces, one after another; `ends[i]` closes trace i.
    private var locations: [Int32] = []
    private var ends: [Int] = []
    /// Each trace's duration in nanoseconds.
    private var durations: [Int64] = []
    private var sawSamples = false
    private var version: Int64?

    static let supportedVersion: Int64 = 1

    mutating func readDocument(_ s: inout JSONScanner, maxDepth: Int) throws {
        try s.beginObject("a recording export object")
        var n = 0
        var recordingAt: Int?
        while let key = try s.nextMember(&n) {
            switch key {
            case Array("version".utf8):
                s.skipSpace()
                let at = s.pos
                let v = try s.integer()
                guard v == Self.supportedVersion else {
                    throw ProfileError.atByte(at, "a Safari timeline recording of version \(v); profconv reads version \(Self.supportedVersion)")
                }
                version = v
            case Array("recording".utf8):
                s.skipSpace()
                recordingAt = s.pos
                try readRecording(&s, maxDepth: maxDepth)
            default: try s.skipValue()
            }
        }
        guard version != nil else { throw ProfileError.atByte(0, "a Safari timeline recording without its \"version\"") }
        guard let recordingAt else { throw ProfileError.atByte(0, "a Safari timeline recording without its \"recording\"") }
        guard sawSamples else {
            throw ProfileError.atByte(recordingAt, "the recording has no JavaScript samples (neither sampleStackTraces nor samples); record it with the JavaScript & Events timeline on")
        }
    }

    private mutating func readRecording(_ s: inout JSONScanner, maxDepth: Int) throws {
        try s.beginObject("a recording object")
        var n = 0
        let group = Group(firstTrace: ends.count, firstDuration: durations.count)
        while let key = try s.nextMember(&n) {
            switch key {
            case Array("sampleStackTraces".utf8):
                sawSamples = true
                try readTraces(&s, maxDepth: maxDepth)
            case Array("sampleDurations".utf8):
                sawSamples = true
                try readDurations(&s)
            case Array("samples".utf8):
                sawSamples = true
                try readSampleGroups(&s, maxDepth: maxDepth)
            default: try s.skipValue()
            }
        }
        try group.close(self, at: s.pos)
    }

    /// `[{"stackTraces": […], "durations": […]}, …]`, each a group of its own.
    private mutating func readSampleGroups(_ s: inout JSONScanner, maxDepth: Int) throws {
        try s.beginArray("a samples array")
        var n = 0
        while try s.nextElement(&n) {
            s.skipSpace()
            let at = s.pos
            let group = Group(firstTrace: ends.count, firstDuration: durations.count)
            try s.beginObject("a samples entry")
            var m = 0
            while let key = try s.nextMember(&m) {
                switch key {
                case Array("stackTraces".utf8): try readTraces(&s, maxDepth: maxDepth)
                case Array("durations".utf8): try readDurations(&s)
                default: try s.skipValue()
                }
            }
            try group.close(self, at: at)
        }
    }

    /// The traces and durations read since a group began must pair up.
    private struct Group {
        var firstTrace: Int, firstDuration: Int
        func close(_ r: SafariRecordingReader, at offset: Int) throws {
            let traces = r.ends.count - firstTrace, durations = r.durations.count - firstDuration
            guard traces == durations else {
                throw ProfileError.atByte(offset, "\(traces) stack traces and \(durations) durations; they go in pairs")
            }
        }
    }

    /// `[{"timestamp": s, "stackFrames": [{…}, …]}, …]`.
    private mutating func readTraces(_ s: inout JSONScanner, maxDepth: Int) throws {
        try s.beginArray("a stack traces array")
        var n = 0
        while try s.nextElement(&n) {
            s.skipSpace()
            let at = s.pos
            try s.beginObject("a stack trace object")
            var m = 0
            let start = locations.count
            while let key = try s.nextMember(&m) {
                guard key == Array("stackFrames".utf8) else {
                    try s.skipValue()
                    continue
                }
                locations.removeSubrange(start...)
                try s.beginArray("a stackFrames array")
                var k = 0
                while try s.nextElement(&k) {
                    guard locations.count - start < maxDepth else {
                        throw ProfileError.atByte(at, "a stack has more than \(maxDepth) frames")
                            .hinting(.maxStackDepth, remedy: "raise ReadOptions.maxStackDepth if this file is genuine")
                    }
                    locations.append(try frames.read(&s, &builder))
                }
            }
            ends.append(locations.count)
        }
    }

    /// `[seconds, …]`.
    private mutating func readDurations(_ s: inout JSONScanner) throws {
        try s.beginArray("a durations array")
        var n = 0
        while try s.nextElement(&n) {
            s.skipSpace()
            let at = s.pos
            let seconds = try s.number()
            guard seconds >= 0 else { throw ProfileError.atByte(at, "a negative duration \(seconds)") }
            durations.append(Int64(saturating: (seconds * 1e9).rounded()))
        }
    }

    mutating func build() throws -> Profile {
        var start = 0
        var total: Int64 = 0
        for (i, end) in ends.enumerated() {
            defer { start = end }
            guard end > start else { continue }
            builder.addSample(locations: locations[start..<end], values: [1, durations[i]])
            total = total.saturatingAdd(durations[i])
        }
        let count = Int64(ends.count)
        builder.withProfile { p in
            p.durationNanos = total
            p.period = count > 0 ? total / count : 0
            p.periodType = p.sampleTypes[1]
        }
        return builder.build()
    }
}

/// A stack frame, `{"sourceID", "name", "line", "column", "url",
/// "expressionLocation": {"line", "column"}}`, as a location: a function
/// per name, url, line and column, as speedscope keys them.
struct SafariFrames {
    private struct Key: Hashable { var name: Int32, file: Int32, line: Int64, column: Int64 }
    private var locations: [Key: Int32] = [:]
    private var name: [UInt8] = []
    private var url: [UInt8] = []

    mutating func read(_ s: inout JSONScanner, _ builder: inout ProfileBuilder) throws -> Int32 {
        try s.beginObject("a stack frame object")
        var n = 0
        var line: Int64 = 0, column: Int64 = 0, rawLine: Int64 = 0
        name.removeAll(keepingCapacity: true)
        url.removeAll(keepingCapacity: true)
        while let key = try s.nextMember(&n) {
            switch key {
            case Array("name".utf8) where s.peek() == UInt8(ascii: "\""): try s.withString { name.append(contentsOf: $0) }
            case Array("url".utf8) where s.peek() == UInt8(ascii: "\""): try s.withString { url.append(contentsOf: $0) }
            case Array("line".utf8) where s.peek() != UInt8(ascii: "n"):
                rawLine = try s.integer()
                line = max(0, rawLine)
            case Array("column".utf8) where s.peek() != UInt8(ascii: "n"): column = try Self.position(&s)
            default: try s.skipValue()
            }
        }
        let file = url.withUnsafeBytes { builder.intern(bytes: $0) }
        let nameID = name.isEmpty ? builder.intern(anonymousName(rawLine)) : name.withUnsafeBytes { builder.intern(bytes: $0) }
        let key = Key(name: nameID, file: file, line: line, column: column)
        if let l = locations[key] { return l }
        let function = builder.function(name: nameID, file: file, startLine: line)
        let l = builder.location(function: function, line: line, column: column)
        locations[key] = l
        return l
    }

    /// `(anonymous FILE:LINE)` with the url's last path component (and the
    /// line as the file has it), or `(anonymous)`.
    private func anonymousName(_ line: Int64) -> String {
        guard !url.isEmpty else { return "(anonymous)" }
        let last = url.lastIndex(of: UInt8(ascii: "/")).map { url.index(after: $0) } ?? url.startIndex
        return "(anonymous \(String(decoding: url[last...], as: UTF8.self)):\(line))"
    }

    /// A line or column: a whole number (-1, unknown, and anything negative become 0).
    private static func position(_ s: inout JSONScanner) throws -> Int64 {
        max(0, try s.integer())
    }
}
