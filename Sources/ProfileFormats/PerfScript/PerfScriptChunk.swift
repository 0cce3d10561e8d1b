import ProfileCore

/// Parses the events of one piece of `perf script` text into a
/// `StackChunk`, as inferno-collapse-perf's `process_single_stack` does:
/// an event is its header line, its callchain lines (leaf first), and a
/// blank line; `#` lines are skipped. The process name (with `-PID` or
/// `-PID/TID` by the options) is the root frame. Headers and callchain
/// lines of another shape are skipped and counted.
///
/// A callchain is read whole first (`LineCursor.nextBlock`): one seen
/// before in the chunk, byte for byte, gives the frames it gave then
/// (`StackBlockCache`); only a new one is read line by line.
struct PerfScriptChunk {
    /// The keys of the labels each sample gets (when labels are kept).
    static let labelKeys: [(key: String, unit: String)] = [
        ("comm", ""), ("pid", ""), ("tid", ""), ("cpu", ""), ("event", ""), ("time", "nanoseconds"),
    ]

    private(set) var chunk: StackChunk
    private var namer: PerfFrameNamer
    private let options: PerfScriptFormat.Options
    /// The event samples are kept of; nil when no event had a name before this chunk.
    private let eventFilter: [UInt8]?
    private let keepsLabels: Bool

    // The event being read.
    private var inEvent = false
    private var skipping = false
    private var processName: Int32 = 0
    private var javaProcess = false
    /// The header bytes `processName` and `javaProcess` were found from (its command and IDs).
    /// (A newline to start with, which no line holds.)
    private var processKey: [UInt8] = [0x0A]
    private var period: Int64 = 1
    private var labels: [ChunkLabel] = []
    private var pieces: [Range<Int>] = []
    private var scratch: [UInt8] = []
    /// The frames of each distinct callchain line, in a `java…` process
    /// (whose names lose Java's `L`) and in others.
    private var lines = FrameLineCache(), javaLines = FrameLineCache()
    /// The same for whole callchains.
    private var blocks = StackBlockCache(), javaBlocks = StackBlockCache()
    /// Callchains looked up in them, found there, and not looked up.
    private var blockTries = 0, blockFinds = 0, eventsWithoutTry = 0
    /// When merging, per kept block (at `2 * id`, and `2 * id + 1` for
    /// `javaBlocks`): (1 + the root frame's name id) << 32 | the stack its
    /// last sample had; 0 for none.
    private var blockStacks: [UInt64] = []
    private var lineFrames: [Int32] = []
    private var sampleValues: [Int64] = [1, 1]

    /// A parser of events keeping samples of `eventFilter`; with
    /// `mergingStacks`, samples merged by stack and without labels.
    init(options: PerfScriptFormat.Options, eventFilter: [UInt8]?, mergingStacks: Bool) {
        self.options = options
        self.eventFilter = eventFilter
        keepsLabels = !mergingStacks
        chunk = StackChunk(valuesPerSample: 2, mergingStacks: mergingStacks)
        namer = PerfFrameNamer(options: options)
    }

    /// Parses every line of `text` (it starts at the input's start or after a blank line).
    mutating func parse(_ text: UnsafeRawBufferPointer) {
        var lines = LineCursor(text)
        while let raw = lines.next() {
            chunk.lineCount += 1
            if raw.first == UInt8(ascii: "#") { continue }
            let line = FrameText.trimmingEnd(raw)
            if line.isEmpty {
                endEvent()
            } else if inEvent {
                frameLine(line)
            } else {
                eventLine(line)
                if chunk.hasPendingFrames {
                    endEvent()  // a one-frame stack on the event line
                } else if inEvent {
                    callchain(&lines)
                }
            }
        }
        if chunk.hasPendingFrames { endEvent() }
    }

    /// The callchain lines of the event being read, up to its blank line.
    private mutating func callchain(_ lines: inout LineCursor) {
        if skipping {
            chunk.lineCount += lines.nextBlock().lines
            return
        }
        // Where callchains seldom repeat (addresses that differ each time),
        // the lines are read one by one, as the loop does; one event in 64
        // still tries the caches, to notice when they start to repeat.
        if blockTries >= 1024 && blockFinds * 4 < blockTries {
            eventsWithoutTry += 1
            if eventsWithoutTry % 64 != 0 { return }
        }
        blockTries += 1
        // A cache per kind of process, since names differ in `java` ones;
        // two properties, as an array's element would be copied to be read.
        let found = javaProcess ? Self.kept(&javaBlocks, &lines, &chunk) : Self.kept(&blocks, &lines, &chunk)
        switch found {
        case .kept(let block)?:
            blockFinds += 1
            if chunk.mergesStacks {
                endSample(ofBlock: block)
            } else if javaProcess {
                javaBlocks.appendFrames(block.frames, to: &chunk)
            } else {
                blocks.appendFrames(block.frames, to: &chunk)
            }
        case .missing(let block, let miss)?:
            let skippedBefore = chunk.skipped.count, framesBefore = chunk.pending.count
            var blockLines = LineCursor(block.bytes)
            while let raw = blockLines.next() {
                chunk.lineCount += 1
                if raw.first == UInt8(ascii: "#") { continue }
                frameLine(FrameText.trimmingEnd(raw))
            }
            guard chunk.skipped.count == skippedBefore else { return }
            let frames = chunk.pending[framesBefore...]
            if javaProcess {
                javaBlocks.record(block.bytes, lines: block.lines, frames: frames, at: miss)
            } else {
                blocks.record(block.bytes, lines: block.lines, frames: frames, at: miss)
            }
        case .none:
            return
        }
    }

    /// Ends, when merging, the event whose callchain is the kept `block`:
    /// its stack is the one that block gave under this root frame last
    /// time, if it did, and its frames need not be looked at.
    private mutating func endSample(ofBlock block: StackBlockCache.Block) {
        let slot = 2 * block.id + (javaProcess ? 1 : 0)
        let root = UInt64(UInt32(bitPattern: processName)) + 1
        sampleValues[1] = period
        if slot < blockStacks.count, blockStacks[slot] >> 32 == root {
            chunk.endSample(ofStack: Int(blockStacks[slot] & 0xFFFF_FFFF), values: sampleValues)
            return
        }
        if slot >= blockStacks.count { blockStacks += repeatElement(0, count: slot + 2 - blockStacks.count) }
        if javaProcess { javaBlocks.appendFrames(block.frames, to: &chunk) } else { blocks.appendFrames(block.frames, to: &chunk) }
        chunk.appendRootward(processName)
        let stack = chunk.endSample(values: sampleValues)
        blockStacks[slot] = stack <= 0xFFFF_FFFF ? root << 32 | UInt64(stack) : 0
    }

    /// What a kept callchain was found to be.
    private enum Found {
        case kept(StackBlockCache.Block)
        case missing((bytes: UnsafeRawBufferPointer, lines: Int), StackBlockCache.Miss)
    }

    /// The callchain at `lines`: kept by `cache` (and then moved past, its
    /// lines counted in `chunk`), or cut at its blank line with where it
    /// goes in `cache`; nil for no lines at all.
    private static func kept(_ cache: inout StackBlockCache, _ lines: inout LineCursor, _ chunk: inout StackChunk) -> Found? {
        if let kept = cache.match(lines, at: lines.position) {
            chunk.lineCount += kept.lines
            lines.skip(bytes: kept.bytes, lines: kept.lines)
            return .kept(kept)
        }
        let block = lines.nextBlock()
        guard block.lines > 0 else { return nil }
        switch cache.lookup(block.bytes) {
        case .kept(let kept):
            chunk.lineCount += kept.lines
            return .kept(kept)
        case .missing(let miss):
            return .missing(block, miss)
        }
    }

    /// The name of the first event of `text` that has one: what samples are
    /// kept of when no `--event-filter` is given, as in stackcollapse-perf.pl.
    static func firstEvent(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        var lines = LineCursor(text)
        var inEvent = false
        while let raw = lines.next() {
            if raw.first == UInt8(ascii: "#") { continue }
            let line = FrameText.trimmingEnd(raw)
            if line.isEmpty { inEvent = false; continue }
            if inEvent { continue }
            guard let event = PerfEventLine(line) else { continue }
            if let e = event.event { return Array(line[bytes: e]) }
            inEvent = event.frame == nil
        }
        return nil
    }

    private mutating func eventLine(_ line: UnsafeRawBufferPointer) {
        inEvent = true
        guard let event = PerfEventLine(line) else {
            chunk.skipped.note("line that is not an event header", line: chunk.lineCount, text: line)
            inEvent = false
            return
        }
        if let e = event.event, let filter = eventFilter, !Self.matches(filter, line, e, event.modifiers) {
            skipping = true
            return
        }
        period = event.period ?? 1
        // The root frame is named by the header's start, which the event before often shares.
        let key = line.slice(0, options.includeTID || options.includePID ? event.tid.upperBound : event.comm.upperBound)
        let known = key.count == processKey.count
            && processKey.withUnsafeBytes { commonPrefixLength($0, key) == key.count }
        if !known {
            processKey.removeAll(keepingCapacity: true)
            processKey += key
            processName = name(line, event)
            javaProcess = line[bytes: event.comm].hasPrefix("java")
        }
        if keepsLabels { setLabels(line, event) }
        if let frame = event.frame {
            frameLine(line.slice(frame.lowerBound, frame.upperBound))
            inEvent = false
        }
    }

    /// Whether the event `line[e]` (with modifiers `m`) is `filter`: its
    /// name (inferno's) or its name and modifiers (stackcollapse-perf.pl's `cycles:u`).
    private static func matches(_ filter: [UInt8], _ line: UnsafeRawBufferPointer, _ e: Range<Int>, _ m: Range<Int>?) -> Bool {
        let name = line[bytes: e]
        if name.count == filter.count && filter.withUnsafeBytes({ commonPrefixLength($0, name) }) == name.count { return true }
        guard let m, !m.isEmpty, filter.count == e.count + 1 + m.count else { return false }
        return line[bytes: e].elementsEqual(filter[0..<e.count]) && filter[e.count] == UInt8(ascii: ":")
            && line[bytes: m].elementsEqual(filter[(e.count + 1)...])
    }

    /// The root frame: the command, spaces made `_`, with `-PID` or `-PID/TID`.
    private mutating func name(_ line: UnsafeRawBufferPointer, _ event: PerfEventLine) -> Int32 {
        scratch.removeAll(keepingCapacity: true)
        for b in line[bytes: event.comm] { scratch.append(b == 0x20 ? UInt8(ascii: "_") : b) }
        if options.includePID || options.includeTID {
            scratch.append(UInt8(ascii: "-"))
            if let pid = event.pid { scratch += line[bytes: pid] } else { scratch.append(UInt8(ascii: "?")) }
            if options.includeTID {
                scratch.append(UInt8(ascii: "/"))
                scratch += line[bytes: event.tid]
            }
        }
        return scratch.withUnsafeBytes { chunk.id($0) }
    }

    private mutating func setLabels(_ line: UnsafeRawBufferPointer, _ event: PerfEventLine) {
        labels.removeAll(keepingCapacity: true)
        labels.append(ChunkLabel(key: 0, string: chunk.id(line[bytes: event.comm])))
        func number(_ r: Range<Int>?) -> Int64? {
            guard let r else { return nil }
            var i = r.lowerBound
            let t = line.slice(0, r.upperBound)
            guard let v = Digits.decimal(t, &i), i == r.upperBound else { return nil }
            return v
        }
        if let pid = number(event.pid) { labels.append(ChunkLabel(key: 1, number: pid)) }
        if let tid = number(event.tid) { labels.append(ChunkLabel(key: 2, number: tid)) }
        if let cpu = event.cpu { labels.append(ChunkLabel(key: 3, number: cpu)) }
        if let e = event.event { labels.append(ChunkLabel(key: 4, string: chunk.id(line[bytes: e]))) }
        if let t = event.timeNanos { labels.append(ChunkLabel(key: 5, number: t)) }
    }

    private mutating func frameLine(_ line: UnsafeRawBufferPointer) {
        if skipping { return }
        // The name depends on the line after its address (and on the address with --addrs).
        var from = 0
        while from < line.count && FrameText.isSpace(line[from]) { from += 1 }
        if !options.includeAddresses, let space = ByteSearch.first(0x20, in: line, from: from) { from = space + 1 }
        let key = line.slice(from, line.count)
        // Two caches, not a reference to one: each frame would retain it.
        switch javaProcess ? javaLines.lookup(key) : lines.lookup(key) {
        case .frames(let r):
            if javaProcess { javaLines.appendFrames(r, to: &chunk) } else { lines.appendFrames(r, to: &chunk) }
        case .malformed:
            chunk.skipped.note("callchain line of another shape", line: chunk.lineCount, text: line)
        case .new(let index):
            lineFrames.removeAll(keepingCapacity: true)
            let ok = name(line)
            if javaProcess { javaLines.record(index, ok ? lineFrames : nil) } else { lines.record(index, ok ? lineFrames : nil) }
            if ok {
                for id in lineFrames { chunk.appendRootward(id) }
            } else {
                chunk.skipped.note("callchain line of another shape", line: chunk.lineCount, text: line)
            }
        }
    }

    /// Names the frames of a callchain line into `lineFrames`, leaf first; false for a line of another shape.
    private mutating func name(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let frame = PerfFrameLine(line) else { return false }
        let symbol = line[bytes: frame.symbol]
        // A process name in parentheses is no frame, as in stackcollapse-perf.pl.
        if symbol.first == UInt8(ascii: "(") { return true }
        let module = line[bytes: frame.module], address = line[bytes: frame.address]
        if let fixed = RustSymbol.fixedBytes(symbol) {
            fixed.withUnsafeBytes { addFrames(of: $0, module: module, address: address) }
        } else {
            addFrames(of: symbol, module: module, address: address)
        }
        return true
    }

    /// The frames of one callchain line: Java's `a->b->c` is `c` inlined in
    /// `b` inlined in `a`, so `c` is the leafmost.
    private mutating func addFrames(of symbol: UnsafeRawBufferPointer, module: UnsafeRawBufferPointer, address: UnsafeRawBufferPointer) {
        pieces.removeAll(keepingCapacity: true)
        var start = 0, i = 0
        while i + 1 < symbol.count {
            if symbol[i] == UInt8(ascii: "-") && symbol[i + 1] == UInt8(ascii: ">") {
                pieces.append(start..<i)
                start = i + 2
                i += 2
            } else {
                i += 1
            }
        }
        pieces.append(start..<symbol.count)
        for k in pieces.indices.reversed() {
            namer.build(symbol[bytes: pieces[k]], index: k, module: module, address: address, javaProcess: javaProcess)
            lineFrames.append(namer.name.withUnsafeBytes { chunk.id($0) })
        }
    }

    private mutating func endEvent() {
        if chunk.hasPendingFrames {
            chunk.appendRootward(processName)
            sampleValues[1] = period
            chunk.endSample(values: sampleValues, labels: labels)
        }
        inEvent = false
        skipping = false
        period = 1
        labels.removeAll(keepingCapacity: true)
    }
}
