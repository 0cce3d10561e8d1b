import ProfileCore

/// Parses one piece of DTrace or bpftrace stack output into a
/// `StackChunk`, as inferno-collapse-dtrace does: the first piece skips
/// the header up to the first blank line; then every line that is not
/// blank is a frame (leaf first) or a count, which ends its stack. A
/// bpftrace entry's `@[` and `,` lines hold no frame, and its `]: COUNT`
/// line is the count.
struct DTraceChunk {
    private(set) var chunk = StackChunk(valuesPerSample: 1)
    private var namer: DTraceFrameNamer
    private let skipsHeader: Bool
    private let includeOffset: Bool
    /// The frames of each distinct frame line (not with --includeoffset,
    /// where a frame's name depends on whether it is the leaf).
    private var lines = FrameLineCache()

    init(options: DTraceFormat.Options, skipsHeader: Bool) {
        namer = DTraceFrameNamer(includeOffset: options.includeOffset)
        self.skipsHeader = skipsHeader
        includeOffset = options.includeOffset
    }

    mutating func parse(_ text: UnsafeRawBufferPointer) {
        var lines = LineCursor(text)
        if skipsHeader {
            var ended = false
            while let raw = lines.next() {
                chunk.lineCount += 1
                if FrameText.trimmed(raw, 0, raw.count).isEmpty { ended = true; break }
            }
            if !ended {
                chunk.notes.append((max(1, chunk.lineCount), "the input ended in its header (no blank line after it, so no stacks); is the DTrace script's output cut short?"))
                return
            }
        }
        var pendingSince = 0
        while let raw = lines.next() {
            chunk.lineCount += 1
            let line = raw[bytes: FrameText.trimmed(raw, 0, raw.count)]
            if line.isEmpty { continue }
            if let count = countLine(line) {
                guard let count else {
                    chunk.error = ProfileError.atLine(chunk.lineCount, "the count \(line.excerpt) does not fit in a 64-bit integer")
                    return
                }
                endStack(count)
            } else if Self.isMapEntryStart(line) || line.elementsEqual(",".utf8) {
                if !chunk.hasPendingFrames { pendingSince = chunk.lineCount }
                continue
            } else {
                if !chunk.hasPendingFrames { pendingSince = chunk.lineCount }
                frameLine(line)
            }
        }
        if chunk.hasPendingFrames || namer.hasPendingLeaf {
            chunk.error = ProfileError.atLine(pendingSince, "the input ends in the middle of the stack that starts here (no count line after its frames); it was cut short")
        }
    }

    private mutating func frameLine(_ line: UnsafeRawBufferPointer) {
        if includeOffset { return namer.addFrames(of: line, to: &chunk) }
        switch lines.lookup(line) {
        case .frames(let r):
            lines.appendFrames(r, to: &chunk)
        case .malformed:
            break  // every line names a frame
        case .new(let index):
            namer.collected = []
            namer.addFrames(of: line, to: &chunk)
            let ids = namer.collected ?? []
            namer.collected = nil
            lines.record(index, ids)
            for id in ids { chunk.appendRootward(id) }
        }
    }

    /// A count: a line of digits, or bpftrace's `]: COUNT`. `.some(nil)` for one past 64 bits.
    private func countLine(_ line: UnsafeRawBufferPointer) -> Int64?? {
        var start = 0
        if line.hasPrefix("]:") {
            start = 2
            Digits.skipSpaces(line, &start)
        }
        guard start < line.count else { return nil }
        for b in line[start...] where !Digits.isDigit(b) { return nil }
        var i = start
        return .some(Digits.decimal(line, &i))
    }

    private mutating func endStack(_ count: Int64) {
        namer.finishStack(into: &chunk)
        chunk.endSample(values: CollectionOfOne(count))
    }

    /// bpftrace's `@[` or `@name[`, which opens a map entry whose key spans
    /// lines; `@[,` when its first stack (the kernel's) is empty.
    static func isMapEntryStart(_ line: UnsafeRawBufferPointer) -> Bool {
        var t = line
        if t.last == UInt8(ascii: ",") { t = t.slice(0, t.count - 1) }
        guard t.first == UInt8(ascii: "@"), t.last == UInt8(ascii: "[") else { return false }
        for b in t.dropFirst().dropLast() where !(Digits.isDigit(b) || b == UInt8(ascii: "_") || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)) {
            return false
        }
        return true
    }

    /// Whether a blank line after `line` ends a stack: `line` is its count.
    static func endsBlock(_ line: UnsafeRawBufferPointer) -> Bool {
        let t = line[bytes: FrameText.trimmed(line, 0, line.count)]
        var start = 0
        if t.hasPrefix("]:") { start = 2; Digits.skipSpaces(t, &start) }
        guard start < t.count else { return false }
        for b in t[start...] where !Digits.isDigit(b) { return false }
        return true
    }
}
