import ProfileCore

/// Reads or skips one field's value by its metadata type: JFR values are
/// not self-describing, so even a value nobody wants is walked field by
/// field to find where the next one starts.
///
/// Nested classes and arrays are walked with an explicit stack, bounded
/// by ``maxNesting``: a class that holds itself inline, which no JDK
/// writes, is refused instead of looping.
struct JFRValueReader {
    let metadata: JFRMetadata
    private enum Work {
        case fields(type: Int32, next: Int)
        case elements(JFRMetadata.Field, left: Int)
    }
    private var work: [Work] = []
    static let maxNesting = 64

    init(_ metadata: JFRMetadata) { self.metadata = metadata }

    /// A field's value, when it is a number, a pool reference or a string.
    enum Value {
        case int(Int64)
        case string(JFRString)
        case skipped
    }

    /// Reads `field`: numbers, pool references and strings; skips the rest.
    @inline(__always)
    mutating func read(_ field: JFRMetadata.Field, _ c: inout JFRCursor) throws -> Value {
        if field.isArray { try skip(field, &c); return .skipped }
        if field.constantPool { return .int(try c.varint()) }
        switch metadata[field.type].kind {
        case .varint: return .int(try c.varint())
        case .byte: return .int(Int64(try c.byte()))
        case .string: return .string(try c.string())
        default:
            try skip(field, &c)
            return .skipped
        }
    }

    /// Skips the value of `field`, whatever its type.
    mutating func skip(_ field: JFRMetadata.Field, _ c: inout JFRCursor) throws {
        work.removeAll(keepingCapacity: true)
        try skipOne(field, &c)
        while let top = work.popLast() {
            switch top {
            case .fields(let type, let next):
                let fields = metadata[type].fields
                if next < fields.count {
                    work.append(.fields(type: type, next: next + 1))
                    try skipOne(fields[next], &c)
                }
            case .elements(let element, let left):
                if left > 0 {
                    work.append(.elements(element, left: left - 1))
                    try skipScalar(element, &c)
                }
            }
        }
    }

    /// Skips a value of type `type` that is written inline (a pool entry).
    mutating func skip(type: Int32, _ c: inout JFRCursor) throws {
        try skip(JFRMetadata.Field(name: "", type: type, constantPool: false, isArray: false), &c)
    }

    private mutating func skipOne(_ field: JFRMetadata.Field, _ c: inout JFRCursor) throws {
        if field.isArray {
            let n = try c.count("an array's element")
            try push(.elements(field, left: n), c)
        } else {
            try skipScalar(field, &c)
        }
    }

    private mutating func skipScalar(_ field: JFRMetadata.Field, _ c: inout JFRCursor) throws {
        if field.constantPool { _ = try c.varint(); return }
        let type = metadata[field.type]
        switch type.kind {
        case .varint: _ = try c.varint()
        case .byte: try c.skip(1, "a byte")
        case .float: try c.skip(4, "a float")
        case .double: try c.skip(8, "a double")
        case .string: _ = try c.string()
        case .composite: try push(.fields(type: field.type, next: 0), c)
        case .unknown:
            throw ProfileError.atByte(c.position, "a value of type \(type.name), which the metadata gives no fields and is no primitive; the recording cannot be read past it")
        }
    }

    private mutating func push(_ w: Work, _ c: JFRCursor) throws {
        guard work.count < Self.maxNesting else {
            throw ProfileError.atByte(c.position, "values nest more than \(Self.maxNesting) deep; the metadata describes a class that holds itself")
        }
        work.append(w)
    }
}
