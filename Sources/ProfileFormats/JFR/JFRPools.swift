import ProfileCore

/// Entries of one constant pool of a chunk, by their id.
struct JFRPool<Value> {
    private var keys = IntKeyTable(capacity: 64)
    private(set) var values: [Value] = []

    /// Adds or replaces the entry `id` (a later checkpoint may repeat it).
    mutating func set(_ id: Int64, _ value: Value) {
        let (index, isNew) = keys.insert(UInt64(bitPattern: id))
        if isNew { values.append(value) } else { values[index] = value }
    }

    func index(of id: Int64) -> Int? { keys.id(of: UInt64(bitPattern: id)) }
    subscript(_ id: Int64) -> Value? { index(of: id).map { values[$0] } }
}

/// The constant pools of one chunk that frames and labels are made of:
/// threads, stack traces, methods, classes, symbols, strings and frame
/// types. Others (packages, modules, class loaders, thread groups, …) are
/// walked past. (OpenJDK's `ChunkParser.fillConstantPools`: the chunk
/// header points at the last checkpoint event, each checkpoint at the one
/// before by a negative delta, a delta of 0 ends the chain.)
struct JFRPools {
    struct Thread { var osName: JFRString, javaName: JFRString, osThreadID: Int64 }
    struct Method { var type: Int64, name: Int64 }
    struct StackTrace { var start: Int32, count: Int32, truncated: Bool }
    struct Frame { var method: Int64, line: Int64, type: Int64 }

    var threads = JFRPool<Thread>()
    var stackTraces = JFRPool<StackTrace>()
    var frames: [Frame] = []
    var methods = JFRPool<Method>()
    /// Class id → the symbol of its name.
    var classes = JFRPool<Int64>()
    var symbols = JFRPool<JFRString>()
    var strings = JFRPool<JFRString>()
    var frameTypes = JFRPool<JFRString>()

    /// Reads the chain of checkpoint events that ends at `last`.
    init(_ bytes: UnsafeRawBufferPointer, chunk: Range<Int>, last: Int, metadata: JFRMetadata) throws {
        var values = JFRValueReader(metadata)
        var at = last
        while true {
            var c = JFRCursor(bytes, from: at, to: chunk.upperBound)
            let size = try c.varint()
            guard size > 0, size <= Int64(chunk.upperBound - at) else {
                throw ProfileError.atByte(at, "a checkpoint event's size \(size) runs past the end of its chunk (\(chunk.upperBound - at) bytes left)")
            }
            c.end = at + Int(size)
            let type = try c.varint()
            guard type == 1 else {
                throw ProfileError.atByte(at, "a checkpoint event was expected here (type 1), and this event is of type \(type)")
            }
            _ = try c.varint() // start time
            _ = try c.varint() // duration
            let deltaAt = c.position
            let delta = try c.varint()
            _ = try c.varint() // the checkpoint's kind: flush, chunk header, statics, threads
            let poolCount = try c.count("a checkpoint's pool", bytesEach: 2)
            for _ in 0..<poolCount {
                try readPool(&c, metadata: metadata, values: &values)
            }
            if delta == 0 { break }
            // Each checkpoint points at an earlier one, so the chain ends.
            let next = at.addingReportingOverflow(Int(truncatingIfNeeded: delta))
            guard delta < 0, !next.overflow, next.partialValue >= chunk.lowerBound + JFRChunkHeader.size else {
                throw ProfileError.atByte(deltaAt, "the checkpoint's link to the one before (\(delta) bytes) does not point at an earlier event of its chunk")
            }
            at = next.partialValue
        }
    }

    private mutating func readPool(_ c: inout JFRCursor, metadata: JFRMetadata, values: inout JFRValueReader) throws {
        let at = c.position
        let typeID = try c.varint()
        guard let type = metadata.index(ofID: typeID) else {
            throw ProfileError.atByte(at, "a constant pool of type \(typeID), which the metadata does not define")
        }
        let info = metadata[type]
        let count = try c.count("the \(info.name) pool's entry", bytesEach: 2)
        func field(_ name: String) -> Int { info.fields.firstIndex { $0.name == name } ?? -1 }
        switch info.name {
        case "java.lang.Thread":
            let (osName, osThreadID, javaName) = (field("osName"), field("osThreadId"), field("javaName"))
            for _ in 0..<count {
                let id = try c.varint()
                var t = Thread(osName: .none, javaName: .none, osThreadID: 0)
                for (i, f) in info.fields.enumerated() {
                    let v = try values.read(f, &c)
                    switch (i, v) {
                    case (osName, .string(let s)): t.osName = s
                    case (javaName, .string(let s)): t.javaName = s
                    case (osThreadID, .int(let n)): t.osThreadID = n
                    default: break
                    }
                }
                threads.set(id, t)
            }
        case "jdk.types.StackTrace":
            try readStackTraces(&c, count: count, info: info, metadata: metadata, values: &values)
        case "jdk.types.Method":
            let (typeField, nameField) = (field("type"), field("name"))
            for _ in 0..<count {
                let id = try c.varint()
                var m = Method(type: 0, name: 0)
                for (i, f) in info.fields.enumerated() {
                    if case .int(let n) = try values.read(f, &c) {
                        if i == typeField { m.type = n } else if i == nameField { m.name = n }
                    }
                }
                methods.set(id, m)
            }
        case "java.lang.Class":
            let nameField = field("name")
            for _ in 0..<count {
                let id = try c.varint()
                var name: Int64 = 0
                for (i, f) in info.fields.enumerated() {
                    if case .int(let n) = try values.read(f, &c), i == nameField { name = n }
                }
                classes.set(id, name)
            }
        case "jdk.types.Symbol", "jdk.types.FrameType", "java.lang.String":
            // A symbol's `string`, a frame type's `description`, or a string itself.
            let textField = info.name == "java.lang.String" ? -1 : 0
            for _ in 0..<count {
                let id = try c.varint()
                var text = JFRString.none
                if textField < 0 {
                    text = try c.string()
                } else {
                    for (i, f) in info.fields.enumerated() {
                        if case .string(let s) = try values.read(f, &c), i == textField { text = s }
                    }
                }
                switch info.name {
                case "jdk.types.Symbol": symbols.set(id, text)
                case "jdk.types.FrameType": frameTypes.set(id, text)
                default: strings.set(id, text)
                }
            }
        default:
            for _ in 0..<count {
                _ = try c.varint()
                try values.skip(type: type, &c)
            }
        }
    }

    /// Stack traces: `truncated`, then `frames`, an array of inline
    /// `jdk.types.StackFrame` (method, line number, bytecode index, type),
    /// each field found by name.
    private mutating func readStackTraces(_ c: inout JFRCursor, count: Int, info: JFRMetadata.TypeInfo,
                                          metadata: JFRMetadata, values: inout JFRValueReader) throws {
        let truncatedField = info.fields.firstIndex { $0.name == "truncated" } ?? -1
        guard let framesField = info.fields.firstIndex(where: { $0.name == "frames" && $0.isArray && !$0.constantPool }) else {
            throw ProfileError.atByte(c.position, "the metadata's jdk.types.StackTrace has no array of frames")
        }
        let frameInfo = metadata[info.fields[framesField].type]
        guard frameInfo.kind == .composite else {
            throw ProfileError.atByte(c.position, "the frames of jdk.types.StackTrace are of type \(frameInfo.name), which has no fields")
        }
        func field(_ name: String) -> Int { frameInfo.fields.firstIndex { $0.name == name } ?? -1 }
        let (methodField, lineField, typeField) = (field("method"), field("lineNumber"), field("type"))
        for _ in 0..<count {
            let id = try c.varint()
            var trace = StackTrace(start: Int32(clamping: frames.count), count: 0, truncated: false)
            for (i, f) in info.fields.enumerated() {
                if i == framesField {
                    let n = try c.count("a stack trace's frame")
                    guard frames.count + n < Int(Int32.max) else {
                        throw ProfileError.atByte(c.position, "the chunk's stack traces hold more than \(Int32.max) frames")
                    }
                    for _ in 0..<n {
                        var frame = Frame(method: 0, line: 0, type: -1)
                        for (j, g) in frameInfo.fields.enumerated() {
                            if case .int(let v) = try values.read(g, &c) {
                                if j == methodField { frame.method = v } else if j == lineField { frame.line = v } else if j == typeField { frame.type = v }
                            }
                        }
                        frames.append(frame)
                    }
                    trace.count = Int32(n)
                } else if case .int(let v) = try values.read(f, &c), i == truncatedField {
                    trace.truncated = v != 0
                }
            }
            stackTraces.set(id, trace)
        }
    }
}
