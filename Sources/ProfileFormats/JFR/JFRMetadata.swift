import ProfileCore

/// The types of one chunk, from its metadata event: every class JFR writes
/// (events, pool entries, primitives) with its fields in wire order.
///
/// Type ids differ between JDK versions and recordings, so every type the
/// reader needs is looked up by name (`jdk.ExecutionSample`,
/// `jdk.types.StackTrace`, …), never by number. (OpenJDK's
/// `MetadataReader`: a string table, then a tree of elements, each a name,
/// attributes and children; `class` elements hold `field` elements.)
struct JFRMetadata {
    /// How a value of a type is written.
    enum Kind: Equatable {
        /// `int`, `long`, `short`, `char`: LEB128.
        case varint
        /// `byte`, `boolean`: one byte.
        case byte
        case float, double
        case string
        /// A class with fields, written field after field.
        case composite
        /// A class without fields that is no primitive: no value can be read.
        case unknown
    }

    struct Field {
        var name: String
        var type: Int32
        var constantPool: Bool
        var isArray: Bool
    }

    struct TypeInfo {
        var id: Int64
        var name: String
        var kind: Kind
        var fields: [Field] = []
    }

    private(set) var types: [TypeInfo] = []
    private var indexByID: [Int64: Int32] = [:]
    private var indexByName: [String: Int32] = [:]
    /// The metadata event's id: chunks that repeat it repeat its types.
    private(set) var id: Int64 = -1

    func index(ofID id: Int64) -> Int32? { indexByID[id] }
    func index(named name: String) -> Int32? { indexByName[name] }
    subscript(_ index: Int32) -> TypeInfo { types[Int(index)] }

    /// The metadata id of the event at `offset`, so a chunk that repeats
    /// its predecessor's types need not parse them again.
    static func peekID(_ bytes: UnsafeRawBufferPointer, at offset: Int, end: Int) throws -> Int64 {
        var c = JFRCursor(bytes, from: offset, to: end)
        try header(&c)
        return try c.varint()
    }

    @discardableResult
    private static func header(_ c: inout JFRCursor) throws -> Int {
        let start = c.position
        let size = try c.varint()
        guard size > 0, size <= Int64(c.end - start) else {
            throw ProfileError.atByte(start, "the metadata event's size \(size) runs past the end of its chunk (\(c.end - start) bytes left)")
        }
        c.end = start + Int(size)
        let typeID = try c.varint()
        guard typeID == 0 else {
            throw ProfileError.atByte(start, "the chunk header points at an event of type \(typeID), not the metadata event (type 0)")
        }
        _ = try c.varint() // start time
        _ = try c.varint() // duration
        return start
    }

    /// Parses the metadata event at `offset`, its elements walked with an
    /// explicit stack: nesting costs memory in proportion to its bytes, and
    /// never the call stack.
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int, end: Int) throws {
        var c = JFRCursor(bytes, from: offset, to: end)
        try Self.header(&c)
        id = try c.varint()
        let stringCount = try c.count("the metadata's string")
        var strings: [String] = []
        strings.reserveCapacity(stringCount)
        for _ in 0..<stringCount {
            let at = c.position
            guard case .text(let range, let encoding) = try c.string() else {
                throw ProfileError.atByte(at, "a string of the metadata's table is absent or a pool reference; it must be written out")
            }
            strings.append(JFRText.decode(bytes, range, encoding))
        }
        func string(_ c: inout JFRCursor) throws -> String {
            let at = c.position
            let i = try c.varint()
            guard i >= 0, i < Int64(strings.count) else {
                throw ProfileError.atByte(at, "the metadata names string \(i); its table has \(strings.count)")
            }
            return strings[Int(i)]
        }

        // Elements: (children left, what the element is).
        enum Element { case classElement, other }
        var open: [(left: Int, element: Element)] = []
        // Field type ids, resolved once every class is known.
        var fieldTypeIDs: [[(Int64, Int)]] = []
        var pendingFields: [[Field]] = []
        var current: Int? = nil // the class whose fields are being read
        repeat {
            let at = c.position
            let name = try string(&c)
            let attributeCount = try c.count("an element's attribute", bytesEach: 2)
            var attributes: [String: String] = [:]
            for _ in 0..<attributeCount {
                let key = try string(&c)
                attributes[key] = try string(&c)
            }
            let children = try c.count("an element's child", bytesEach: 3)
            var element = Element.other
            if name == "class" {
                guard let idText = attributes["id"], let typeID = Int64(idText), let typeName = attributes["name"] else {
                    throw ProfileError.atByte(at, "a class of the metadata has no id or name")
                }
                let kind = Self.primitiveKind(typeName)
                indexByID[typeID] = Int32(types.count)
                indexByName[typeName] = Int32(types.count)
                current = types.count
                types.append(TypeInfo(id: typeID, name: typeName, kind: kind))
                fieldTypeIDs.append([])
                pendingFields.append([])
                element = .classElement
            } else if name == "field", open.last?.element == .classElement, let owner = current {
                guard let fieldName = attributes["name"], let typeText = attributes["class"], let typeID = Int64(typeText) else {
                    throw ProfileError.atByte(at, "a field of \(types[owner].name) has no name or class")
                }
                let dimension = attributes["dimension"].flatMap { Int($0) } ?? 0
                guard dimension <= 1 else {
                    throw ProfileError.atByte(at, "the field \(types[owner].name).\(fieldName) is an array of \(dimension) dimensions; JFR writes at most one")
                }
                fieldTypeIDs[owner].append((typeID, at))
                pendingFields[owner].append(Field(name: fieldName, type: -1, constantPool: attributes["constantPool"] == "true", isArray: dimension == 1))
            }
            if let top = open.indices.last { open[top].left -= 1 }
            open.append((children, element))
            while let top = open.last, top.left == 0 { open.removeLast() }
        } while !open.isEmpty

        for t in types.indices {
            for (f, (typeID, at)) in fieldTypeIDs[t].enumerated() {
                guard let index = indexByID[typeID] else {
                    throw ProfileError.atByte(at, "the field \(types[t].name).\(pendingFields[t][f].name) has type \(typeID), which the metadata does not define")
                }
                pendingFields[t][f].type = index
            }
            types[t].fields = pendingFields[t]
            if types[t].kind == .unknown && !types[t].fields.isEmpty { types[t].kind = .composite }
        }
    }

    private static func primitiveKind(_ name: String) -> Kind {
        switch name {
        case "int", "long", "short", "char": return .varint
        case "byte", "boolean": return .byte
        case "float": return .float
        case "double": return .double
        case "java.lang.String": return .string
        default: return .unknown
        }
    }
}
