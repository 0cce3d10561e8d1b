import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads Go's `debug=1` profile text (see ``GoDebug1Format``).
struct Debug1Reader {
    enum Kind {
        /// `NAME profile: total N`: goroutine, threadcreate, any count profile.
        case count
        /// `heap profile: …`, unsampled with the runtime's `MemProfileRate`.
        case heap(rate: Int64)
        /// `--- contention:` (block) or `--- mutex:`.
        case contention(mutex: Bool)
    }

    private var builder: ProfileBuilder
    private let kind: Kind
    private var cursor: LineCursor
    private var cyclesPerSecond: Int64 = 0
    private var mutexPeriod: Int64 = 1

    // The record being read.
    private var inRecord = false
    private var recordLine = 0
    private var raw: [Int64] = []
    private var addresses: [UInt64] = []
    private var frames: [Debug1FrameLine] = []
    private var labels: [Label] = []
    private var assembler = Debug1StackAssembler()
    private var locations: [Int32] = []
    private var firstIgnoredLine = 0
    private let keepUnnamedFrames: Bool

    static func read(_ input: UnsafeRawBufferPointer, options: GoDebug1Format.Options, warnings: inout Warnings) throws -> Profile {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(input))
        var header: UnsafeRawBufferPointer?
        while let line = cursor.next() {
            if !line.isEmpty { header = line; break }
        }
        guard let header else { throw ProfileError.atLine(max(1, cursor.lineNumber), "the Go debug=1 profile has no header line") }
        var reader = try Debug1Reader(header: header, lineNumber: cursor.lineNumber, options: options)
        reader.cursor = cursor
        return try reader.readRecords(warnings: &warnings)
    }

    private init(header: UnsafeRawBufferPointer, lineNumber: Int, options: GoDebug1Format.Options) throws {
        cursor = LineCursor(UnsafeRawBufferPointer(start: nil, count: 0))
        keepUnnamedFrames = options.keepUnnamedFrames
        if header.hasPrefix("heap profile:") {
            guard let at = ByteSearch.find(header, " @ "), at + 3 < header.count else {
                throw ProfileError.atLine(lineNumber, "the heap profile header has no `@ heap/RATE`: \(header.excerpt)")
            }
            let tail = header.slice(at + 3, header.count)
            var i = 0
            let doubled: Bool
            if tail.hasPrefix("heap/") { i = 5; doubled = true } else if tail.hasPrefix("heap_v2/") { i = 8; doubled = false } else {
                throw ProfileError.atLine(lineNumber, "the heap profile header has no `@ heap/RATE`: \(header.excerpt)")
            }
            guard let r = Digits.decimal(tail, &i), i == tail.count else {
                throw ProfileError.atLine(lineNumber, "bad sampling rate in the heap profile header: \(header.excerpt)")
            }
            // Go prints 2*MemProfileRate after `heap/` (what old pprof expected).
            let rate = doubled ? r / 2 : r
            kind = .heap(rate: rate)
            builder = ProfileBuilder(sampleTypes: [("alloc_objects", "count"), ("alloc_space", "bytes"),
                                                   ("inuse_objects", "count"), ("inuse_space", "bytes")],
                                     defaultSampleType: options.heapDefaultSampleType)
            builder.withProfile { p in p.period = rate }
            let space = builder.intern("space"), bytes = builder.intern("bytes")
            builder.withProfile { p in p.periodType = ValueType(type: space, unit: bytes) }
        } else if header.hasPrefix("--- contention:") || header.hasPrefix("--- mutex:") {
            kind = .contention(mutex: header.hasPrefix("--- mutex:"))
            builder = ProfileBuilder(sampleTypes: [("contentions", "count"), ("delay", "nanoseconds")])
            builder.withProfile { p in p.period = 1 }
            let t = builder.intern("contentions"), u = builder.intern("count")
            builder.withProfile { p in p.periodType = ValueType(type: t, unit: u) }
        } else if let suffix = ByteSearch.find(header, " profile: total "), suffix > 0 {
            var i = suffix + 16
            guard Digits.decimal(header, &i) != nil, i == header.count else {
                throw ProfileError.atLine(lineNumber, "bad total in the profile header: \(header.excerpt)")
            }
            let name = header.slice(0, suffix).string
            kind = .count
            builder = ProfileBuilder(sampleTypes: [(name, "count")])
            let t = builder.intern(name), u = builder.intern("count")
            builder.withProfile { p in
                p.period = 1
                p.periodType = ValueType(type: t, unit: u)
            }
        } else {
            throw ProfileError.atLine(lineNumber, "not a Go debug=1 profile: the first line should be `NAME profile: total N`, `heap profile: …`, `--- contention:` or `--- mutex:`, not \"\(header.excerpt)\"")
        }
    }

    private mutating func readRecords(warnings: inout Warnings) throws -> Profile {
        while let line = cursor.next() {
            let n = cursor.lineNumber
            if line.isEmpty {
                try finishRecord()
                continue
            }
            let b = line[0]
            if Digits.isDigit(b) {
                try finishRecord()
                try startRecord(line, n)
            } else if b == UInt8(ascii: "#") {
                if line.count > 1 && line[1] == 0x09 {
                    guard inRecord else { throw ProfileError.atLine(n, "a `#` frame line before any record (records start with `COUNT @ ADDRESSES`)") }
                    frames.append(try frameLine(line, n))
                } else if line.hasPrefix("# labels:") {
                    guard inRecord else { throw ProfileError.atLine(n, "a `# labels:` line before any record") }
                    try readLabels(line, n)
                } else {
                    // The heap profile's `# runtime.MemStats` trailer, kept as comments.
                    var i = 1
                    Digits.skipSpaces(line, &i)
                    let id = builder.intern(bytes: line.slice(i, line.count))
                    builder.withProfile { $0.comments.append(id) }
                }
            } else if case .contention = kind, !inRecord, try contentionSetting(line, n) {
                continue
            } else {
                throw ProfileError.atLine(n, "unexpected line in a Go debug=1 profile: \"\(line.excerpt)\"")
            }
        }
        try finishRecord()
        if cursor.lastLineUnterminated && cursor.lineNumber > 0 && !Self.lastLineIsEmpty(cursor.text) {
            // Go ends every line with a newline: this file was cut off. What
            // was read is kept, as far as it goes.
            warnings.add("the file ends in the middle of line \(cursor.lineNumber): it was cut off, and its last record may be incomplete")
        }
        if assembler.ignoredLines > 0 {
            warnings.add("ignored \(assembler.ignoredLines) `#` line\(assembler.ignoredLines == 1 ? "" : "s") that matched no address of their record (first at line \(firstIgnoredLine)); those addresses stay unsymbolized")
        }
        if case .contention = kind, cyclesPerSecond <= 0 {
            throw ProfileError.atLine(1, "the contention profile has no `cycles/second=N` line")
        }
        return builder.build()
    }

    /// `cycles/second=N` and `sampling period=N`; false for any other line.
    private mutating func contentionSetting(_ line: UnsafeRawBufferPointer, _ n: Int) throws -> Bool {
        var i: Int
        let isCycles = line.hasPrefix("cycles/second=")
        if isCycles { i = 14 } else if line.hasPrefix("sampling period=") { i = 16 } else { return false }
        guard let v = Digits.decimal(line, &i), i == line.count else {
            throw ProfileError.atLine(n, "bad number in \"\(line.excerpt)\"")
        }
        if isCycles { cyclesPerSecond = v } else { mutexPeriod = max(1, v) }
        return true
    }

    private mutating func startRecord(_ line: UnsafeRawBufferPointer, _ n: Int) throws {
        raw.removeAll(keepingCapacity: true)
        addresses.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        recordLine = n
        var i = 0
        let expected: Int
        switch kind {
        case .count: expected = 1
        case .heap: expected = 4
        case .contention: expected = 2
        }
        // count | cycles count | a: b [c: d], then `@`.
        while raw.count < expected {
            Digits.skipSpaces(line, &i)
            if i < line.count && (line[i] == UInt8(ascii: "[") || line[i] == UInt8(ascii: "]")) { i += 1; continue }
            guard let v = Digits.decimal(line, &i) else {
                throw ProfileError.atLine(n, "bad count in record \"\(line.excerpt)\"")
            }
            raw.append(v)
            if i < line.count && (line[i] == UInt8(ascii: ":") || line[i] == UInt8(ascii: "]")) { i += 1 }
        }
        Digits.skipSpaces(line, &i)
        guard i < line.count && line[i] == UInt8(ascii: "@") else {
            throw ProfileError.atLine(n, "bad record: expected `@` after the count in \"\(line.excerpt)\"")
        }
        i += 1
        while true {
            Digits.skipSpaces(line, &i)
            if i >= line.count { break }
            guard let a = Digits.hex(line, &i) else {
                throw ProfileError.atLine(n, "bad address in record \"\(line.excerpt)\"")
            }
            if a != 0 { addresses.append(a) }  // `@ 0x0`: an empty stack
        }
        inRecord = true
    }

    /// `#\tPC\tfunc+0xOFF\tfile:line`, fields separated by runs of tabs.
    private mutating func frameLine(_ line: UnsafeRawBufferPointer, _ n: Int) throws -> Debug1FrameLine {
        var fields: [(Int, Int)] = []
        var i = 1
        while i < line.count {
            while i < line.count && line[i] == 0x09 { i += 1 }
            let s = i
            while i < line.count && line[i] != 0x09 { i += 1 }
            if i > s { fields.append((s, i)) }
        }
        guard let first = fields.first else { throw ProfileError.atLine(n, "a `#` line without an address") }
        var p = first.0
        guard let pc = Digits.hex(line, &p), p == first.1 else {
            throw ProfileError.atLine(n, "bad address in \"\(line.excerpt)\"")
        }
        guard fields.count >= 2 else { return Debug1FrameLine(pc: pc, entry: nil, function: -1, line: 0) }
        let (fs, fe) = fields[1]
        var nameEnd = fe
        var entry: UInt64?
        if let plus = ByteSearch.findLast(line, "+0x", fs, fe) {
            var q = plus + 1
            if let off = Digits.hex(line, &q), q == fe {
                nameEnd = plus
                entry = pc &- off
            }
        }
        var file: Int32 = 0
        var lineNumber: Int64 = 0
        if fields.count >= 3 {
            let (s, e) = (fields[2].0, fields[fields.count - 1].1)
            var fileEnd = e
            if let colon = ByteSearch.findLast(line, ":", s, e) {
                var q = colon + 1
                if let v = Digits.decimal(line, &q), q == e { lineNumber = v; fileEnd = colon }
            }
            file = builder.intern(bytes: line.slice(s, fileEnd))
        }
        let name = builder.intern(bytes: line.slice(fs, nameEnd))
        let function = builder.function(name: name, file: file)
        return Debug1FrameLine(pc: pc, entry: entry, function: function, line: lineNumber)
    }

    /// `# labels: {"k":"v", "k2":"v2"}` (Go `%q` quoting).
    private mutating func readLabels(_ line: UnsafeRawBufferPointer, _ n: Int) throws {
        var i = 9
        Digits.skipSpaces(line, &i)
        let bad = ProfileError.atLine(n, "bad `# labels:` line \"\(line.excerpt)\"")
        guard i < line.count && line[i] == UInt8(ascii: "{") else { throw bad }
        i += 1
        while true {
            Digits.skipSpaces(line, &i)
            guard i < line.count else { throw bad }
            if line[i] == UInt8(ascii: "}") { break }
            guard let key = GoQuote.unquote(line, &i) else { throw bad }
            Digits.skipSpaces(line, &i)
            guard i < line.count && line[i] == UInt8(ascii: ":") else { throw bad }
            i += 1
            Digits.skipSpaces(line, &i)
            guard let value = GoQuote.unquote(line, &i) else { throw bad }
            let k = key.withUnsafeBytes { builder.intern(bytes: $0) }
            let v = value.withUnsafeBytes { builder.intern(bytes: $0) }
            labels.append(Label(key: k, str: v))
            Digits.skipSpaces(line, &i)
            if i < line.count && line[i] == UInt8(ascii: ",") { i += 1 }
        }
    }

    private mutating func finishRecord() throws {
        guard inRecord else { return }
        inRecord = false
        locations.removeAll(keepingCapacity: true)
        // The leaf-side addresses without a `#` line are the runtime frames Go
        // hid: the text names none of them, so by default they go, as in the
        // page Go shows. Heap `debug=0` drops them too, so heap always does.
        var isHeap = false
        if case .heap = kind { isHeap = true }
        let ignoredBefore = assembler.ignoredLines
        assembler.locations(addresses: addresses, frames: frames, dropLeadingHidden: isHeap || !keepUnnamedFrames,
                            dropUnnamedRecord: !keepUnnamedFrames && !isHeap,
                            builder: &builder, into: &locations)
        if ignoredBefore == 0 && assembler.ignoredLines > 0 { firstIgnoredLine = recordLine }
        switch kind {
        case .count:
            builder.addSample(locations: locations, values: CollectionOfOne(raw[0]), labels: labels)
        case .heap(let rate):
            // raw: inuse_objects, inuse_bytes, alloc_objects, alloc_bytes.
            let alloc = Self.unsample(count: raw[2], size: raw[3], rate: rate)
            let inuse = Self.unsample(count: raw[0], size: raw[1], rate: rate)
            var sampleLabels = labels
            if raw[2] > 0, raw[3] / raw[2] != 0 {
                sampleLabels.append(builder.label("bytes", number: raw[3] / raw[2]))
            }
            builder.addSample(locations: locations, values: [alloc.0, alloc.1, inuse.0, inuse.1], labels: sampleLabels)
        case .contention(let mutex):
            // What the runtime's debug=0 writer computes: ns = cycles / GHz,
            // both scaled by the mutex sampling period.
            let cpuGHz = Double(cyclesPerSecond) / 1e9
            guard cpuGHz > 0 else { throw ProfileError.atLine(recordLine, "a contention record before the `cycles/second=N` line") }
            let period = mutex ? mutexPeriod : 1
            let ns = Double(raw[0]) / cpuGHz * Double(period)
            let count = raw[1].multipliedReportingOverflow(by: period)
            builder.addSample(locations: locations, values: [count.overflow ? .max : count.partialValue, Int64(saturating: ns)])
        }
    }

    /// The runtime's `scaleHeapSample`: the expected number of allocations
    /// behind `count` sampled ones of average size `size/count`.
    static func unsample(count: Int64, size: Int64, rate: Int64) -> (Int64, Int64) {
        if count == 0 || size == 0 { return (0, 0) }
        if rate <= 1 { return (count, size) }
        let avg = Double(size) / Double(count)
        let scale = 1 / (1 - exp(-avg / Double(rate)))
        return (Int64(saturating: Double(count) * scale), Int64(saturating: Double(size) * scale))
    }

    private static func lastLineIsEmpty(_ t: UnsafeRawBufferPointer) -> Bool {
        t.isEmpty || t[t.count - 1] == 0x0A
    }
}
