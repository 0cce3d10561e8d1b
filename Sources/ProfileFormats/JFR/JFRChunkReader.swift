import ProfileCore

/// Reads the sampled events of one chunk into the assembler, turning the
/// chunk's pool ids into the profile's locations, stacks and threads once
/// per id.
struct JFRChunkReader {
    let bytes: UnsafeRawBufferPointer
    let header: JFRChunkHeader
    let metadata: JFRMetadata
    let layouts: [Int64: JFREventLayout]
    let pools: JFRPools
    /// Event type id → layout, for the small ids the JDK uses.
    private var layoutByID: [Int16]
    private var layoutList: [JFREventLayout]
    private var values: JFRValueReader
    // Per-chunk caches: pool index → profile number (-1: not yet made).
    private var stackOfTrace: [Int32]
    private var threadOfPool: [Int32]
    private var functionOfMethod: [Int32]
    private var inlinedFrameType: [Bool?]
    private var locations: [Int32] = []
    private var lines: [Line] = []

    init(_ bytes: UnsafeRawBufferPointer, header: JFRChunkHeader, metadata: JFRMetadata,
         layouts: [Int64: JFREventLayout], pools: JFRPools) {
        self.bytes = bytes
        self.header = header
        self.metadata = metadata
        self.layouts = layouts
        self.pools = pools
        values = JFRValueReader(metadata)
        layoutList = []
        let maxID = layouts.keys.filter { $0 >= 0 && $0 < 65536 }.max() ?? -1
        layoutByID = [Int16](repeating: -1, count: Int(maxID + 1))
        for (id, layout) in layouts.sorted(by: { $0.key < $1.key }) {
            if id >= 0 && id < Int64(layoutByID.count) { layoutByID[Int(id)] = Int16(layoutList.count) }
            layoutList.append(layout)
        }
        stackOfTrace = [Int32](repeating: -1, count: pools.stackTraces.values.count)
        threadOfPool = [Int32](repeating: -1, count: pools.threads.values.count)
        functionOfMethod = [Int32](repeating: -1, count: pools.methods.values.count)
        inlinedFrameType = [Bool?](repeating: nil, count: pools.frameTypes.values.count)
    }

    private func layout(_ type: Int64) -> JFREventLayout? {
        if type >= 0 && type < Int64(layoutByID.count) {
            let i = layoutByID[Int(type)]
            return i < 0 ? nil : layoutList[Int(i)]
        }
        return type >= 65536 ? layouts[type] : nil
    }

    /// Walks every event of the chunk, reading the sampled ones.
    mutating func read(into assembler: inout JFRProfileAssembler) throws {
        var at = header.range.lowerBound + JFRChunkHeader.size
        let end = header.range.upperBound
        while at < end {
            var c = JFRCursor(bytes, from: at, to: end)
            let size = try c.varint()
            guard size > 0, size <= Int64(end - at) else {
                throw ProfileError.atByte(at, "an event's size \(size) is \(size <= 0 ? "not positive" : "more than the \(end - at) bytes left of its chunk"); the recording is damaged")
            }
            c.end = at + Int(size)
            let type = try c.varint()
            if let layout = layout(type) {
                try readSample(layout, &c, at: at, into: &assembler)
            }
            at += Int(size)
        }
    }

    private mutating func readSample(_ layout: JFREventLayout, _ c: inout JFRCursor, at: Int,
                                     into assembler: inout JFRProfileAssembler) throws {
        var stackID: Int64 = 0, threadID: Int64 = 0, value: Int64 = 1
        for i in 0...layout.lastNeeded {
            let f = layout.fields[i]
            if i == layout.stackTrace { stackID = try c.varint() }
            else if i == layout.thread { threadID = try c.varint() }
            else if i == layout.value { value = try c.varint() }
            else { try values.skip(f, &c) }
        }
        if layout.kind.isDuration { value = header.nanoseconds(ticks: value) }
        let stack = try self.stack(stackID, at: at, &assembler)
        let thread = try self.thread(threadID, at: at, &assembler)
        assembler.add(kind: layout.kind, stack: stack, thread: thread, value: value)
    }

    private mutating func thread(_ id: Int64, at: Int, _ assembler: inout JFRProfileAssembler) throws -> Int32 {
        if id == 0 { return -1 }
        guard let p = pools.threads.index(of: id) else {
            throw ProfileError.atByte(at, "this event's thread \(id) is not in its chunk's constant pool; the recording is damaged")
        }
        if threadOfPool[p] >= 0 { return threadOfPool[p] }
        let t = pools.threads.values[p]
        var name = try intern(t.javaName, at: at, &assembler)
        if name == 0 { name = try intern(t.osName, at: at, &assembler) }
        let n = assembler.thread(name: name, osThreadID: t.osThreadID)
        threadOfPool[p] = n
        return n
    }

    private mutating func stack(_ id: Int64, at: Int, _ assembler: inout JFRProfileAssembler) throws -> Int32 {
        if id == 0 { return assembler.stack([][...]) }
        guard let p = pools.stackTraces.index(of: id) else {
            throw ProfileError.atByte(at, "this event's stack trace \(id) is not in its chunk's constant pool; the recording is damaged")
        }
        if stackOfTrace[p] >= 0 { return stackOfTrace[p] }
        let trace = pools.stackTraces.values[p]
        locations.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        for i in Int(trace.start)..<Int(trace.start + trace.count) {
            let frame = pools.frames[i]
            let function = try self.function(frame.method, trace: id, at: at, &assembler)
            let inlined = try isInlined(frame.type, at: at)
            // An int field: -1 (no line) may come as 32 bits or 64.
            let line = max(0, Int64(Int32(truncatingIfNeeded: frame.line)))
            lines.append(Line(functionIndex: function, line: line))
            // An inlined frame shares the location of the frame that called it.
            if inlined { continue }
            locations.append(assembler.builder.location(lines: lines))
            lines.removeAll(keepingCapacity: true)
        }
        if !lines.isEmpty { locations.append(assembler.builder.location(lines: lines)) }
        let n = assembler.stack(locations[...])
        stackOfTrace[p] = n
        return n
    }

    /// The function of a method: `package.Class.method`, its system name
    /// with the JVM descriptor added.
    private mutating func function(_ id: Int64, trace: Int64, at: Int, _ assembler: inout JFRProfileAssembler) throws -> Int32 {
        guard let p = pools.methods.index(of: id) else {
            throw ProfileError.atByte(at, "stack trace \(trace) names method \(id), which is not in its chunk's constant pool; the recording is damaged")
        }
        if functionOfMethod[p] >= 0 { return functionOfMethod[p] }
        let m = pools.methods.values[p]
        var name = try symbol(m.name, at: at)
        if m.type != 0 {
            guard let classSymbol = pools.classes[m.type] else {
                throw ProfileError.atByte(at, "method \(id) belongs to class \(m.type), which is not in its chunk's constant pool; the recording is damaged")
            }
            var className = try symbol(classSymbol, at: at)
            className = String(className.map { $0 == "/" ? "." : $0 })
            name = className.isEmpty ? name : className + "." + name
        }
        let f = assembler.builder.function(name: assembler.builder.intern(name))
        functionOfMethod[p] = f
        return f
    }

    /// Whether frames of type `id` (`jdk.types.FrameType`: Interpreted,
    /// JIT compiled, Inlined, Native) were inlined into their caller.
    private mutating func isInlined(_ id: Int64, at: Int) throws -> Bool {
        guard let p = pools.frameTypes.index(of: id) else { return false }
        if let known = inlinedFrameType[p] { return known }
        let inlined = try text(pools.frameTypes.values[p], at: at) == "Inlined"
        inlinedFrameType[p] = inlined
        return inlined
    }

    private func symbol(_ id: Int64, at: Int) throws -> String {
        if id == 0 { return "" }
        guard let s = pools.symbols[id] else {
            throw ProfileError.atByte(at, "symbol \(id) is not in its chunk's constant pool; the recording is damaged")
        }
        return try text(s, at: at)
    }

    private func text(_ s: JFRString, at: Int) throws -> String {
        switch s {
        case .none: return ""
        case .text(let range, let encoding): return JFRText.decode(bytes, range, encoding)
        case .pool(let id):
            guard case .text(let range, let encoding)? = pools.strings[id] else {
                throw ProfileError.atByte(at, "string \(id) is not in its chunk's constant pool; the recording is damaged")
            }
            return JFRText.decode(bytes, range, encoding)
        }
    }

    private func intern(_ s: JFRString, at: Int, _ assembler: inout JFRProfileAssembler) throws -> Int32 {
        if case .text(let range, let encoding) = s, let utf8 = JFRText.utf8Bytes(bytes, range, encoding) {
            return assembler.builder.intern(bytes: utf8)
        }
        return assembler.builder.intern(try text(s, at: at))
    }
}
