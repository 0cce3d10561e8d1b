import ProfileCore

/// A Gecko table, `{"schema": {"stack": 0, "time": 1, …}, "data": [[…], …]}`:
/// rows of cells by the positions the schema gives (a row may stop short:
/// the missing cells are null). The wanted columns are read as numbers,
/// the rest skipped; the schema may follow the data.
struct GeckoTable {
    /// A column: whole numbers, or with `scale` any number, times it, rounded.
    struct Column {
        let name: [UInt8]
        var scale: Double?
        init(_ name: String, scale: Double? = nil) { self.name = Array(name.utf8); self.scale = scale }
    }

    /// Per wanted column, its cell in each row (`FirefoxNull` for null or absent).
    private(set) var values: [[Int64]]
    /// Whether the schema names the column.
    private(set) var present: [Bool]
    private(set) var offset = 0
    private(set) var rows = 0
    private let columns: [Column]

    static func read(_ s: inout JSONScanner, _ what: String, _ columns: [Column]) throws -> GeckoTable {
        var t = GeckoTable(values: Array(repeating: [], count: columns.count), present: Array(repeating: false, count: columns.count), columns: columns)
        s.skipSpace()
        t.offset = s.pos
        try s.beginObject("a \(what) object")
        var wanted: [(position: Int, column: Int)]?
        var dataAt: Int?
        var n = 0
        while let key = try s.nextMember(&n) {
            switch key {
            case Array("schema".utf8): wanted = try t.readSchema(&s, what)
            case Array("data".utf8):
                if let wanted { try t.readRows(&s, wanted, what) } else {
                    s.skipSpace()
                    dataAt = s.pos
                    try s.skipValue()
                }
            default: try s.skipValue()
            }
        }
        guard let wanted else { throw s.error("the \(what) has no \"schema\"", at: t.offset) }
        if let dataAt {
            let end = s.pos
            s.seek(to: dataAt)
            try t.readRows(&s, wanted, what)
            s.seek(to: end)
        }
        return t
    }

    private mutating func readSchema(_ s: inout JSONScanner, _ what: String) throws -> [(position: Int, column: Int)] {
        try s.beginObject("the \(what)'s schema object")
        var wanted: [(position: Int, column: Int)] = []
        var n = 0
        while let key = try s.nextMember(&n) {
            let position = try s.index()
            if let k = columns.firstIndex(where: { $0.name == key }) {
                wanted.append((position, k))
                present[k] = true
            }
        }
        return wanted
    }

    private mutating func readRows(_ s: inout JSONScanner, _ wanted: [(position: Int, column: Int)], _ what: String) throws {
        try s.beginArray("the \(what)'s data array")
        var n = 0
        while try s.nextElement(&n) {
            for k in values.indices { values[k].append(FirefoxNull) }
            try s.beginArray("a row of the \(what)")
            var position = 0
            var m = 0
            while try s.nextElement(&m) {
                defer { position += 1 }
                guard let k = wanted.first(where: { $0.position == position })?.column else {
                    try s.skipValue()
                    continue
                }
                if try !s.null() { values[k][rows] = try FirefoxNumber.read(&s, scale: columns[k].scale) }
            }
            rows += 1
        }
    }
}

/// A processed profile's table: an object of columns, `{"stack": […],
/// "weight": […] or null, "length": N}`. The wanted columns are read as
/// numbers (null cells `FirefoxNull`); `other` gets the keys it may want
/// (`weightType`), the rest are skipped.
struct ColumnTable {
    private(set) var values: [[Int64]]
    private(set) var present: [Bool]
    private(set) var offset = 0

    static func read(_ s: inout JSONScanner, _ what: String, _ columns: [GeckoTable.Column],
                     other: (([UInt8], inout JSONScanner) throws -> Bool)? = nil) throws -> ColumnTable {
        var t = ColumnTable(values: Array(repeating: [], count: columns.count), present: Array(repeating: false, count: columns.count))
        s.skipSpace()
        t.offset = s.pos
        try s.beginObject("a \(what) object")
        var n = 0
        while let key = try s.nextMember(&n) {
            guard let k = columns.firstIndex(where: { $0.name == key }) else {
                if try other?(key, &s) != true { try s.skipValue() }
                continue
            }
            if try s.null() { continue }
            t.present[k] = true
            try s.beginArray("the \(what)'s \(String(decoding: key, as: UTF8.self)) column")
            var m = 0
            while try s.nextElement(&m) {
                t.values[k].append(try s.null() ? FirefoxNull : try FirefoxNumber.read(&s, scale: columns[k].scale))
            }
        }
        return t
    }
}

/// A null cell.
let FirefoxNull = Int64.min

enum FirefoxNumber {
    /// A whole number, or with `scale` any number times it, rounded and clamped.
    static func read(_ s: inout JSONScanner, scale: Double?) throws -> Int64 {
        guard let scale else { return try s.integer() }
        let v = try s.number() * scale
        return Int64(saturating: v.rounded())
    }
}
