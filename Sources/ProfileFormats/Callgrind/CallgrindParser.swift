import ProfileCore

/// Reads the lines of a callgrind (or cachegrind) file into its parts'
/// call graphs, as valgrind's format specification (`cl-format`) describes
/// them and `callgrind_annotate` reads them:
/// - a part is a header (`key: value` lines, `events:` among them) and a
///   body; a header line after a body starts the next part;
/// - `fl=`, `fi=`, `fe=` set the file, `fn=` the function; a function is
///   its name *and* the file of its cost lines, so code inlined from another
///   file (`fi=`) counts apart, as `callgrind_annotate` lists it, while it
///   belongs to the function of its `fn=` line in the call graph;
/// - `cfi=`/`cfl=` and `cfn=` name a callee (in the current file unless
///   `cfi=` says otherwise), `calls=` says that the next cost line is the
///   inclusive cost of calls to it;
/// - names may be compressed, `(N) name` defining `(N)`, per kind (objects,
///   files, functions); positions (`instr`, `line`) may be relative to the
///   last cost line's (`+N`, `-N`, `*`); costs missing at the end are zero.
struct CallgrindParser {
    private var cursor: LineCursor
    private(set) var builder: ProfileBuilder
    private(set) var parts: [CallgrindPart] = []
    /// A function per (file, name, object): its name, file and first line.
    private(set) var functions: [(name: Int32, file: Int32, object: Int32, firstLine: Int64)] = []
    private var functionIndex: [FunctionKey: Int32] = [:]
    /// Event names to sample type indices, and long names (`event: Ir : …`).
    private(set) var eventNames: [Int32] = []
    private var eventIndex: [Int32: Int] = [:]
    private(set) var longNames: [Int32: UInt64] = [:]
    private(set) var saturatedAt: Int?
    private var maxCells: Int
    private var cells = 0

    // Compressed names: (N) → string id, one table per kind.
    private var objectNames = NameTable()
    private var fileNames = NameTable()
    private var functionNames = NameTable()

    // The header being read.
    private var positions = 1
    private var linePosition: Int? = 0
    private var pendingEvents: [Int]?
    private var pendingNumber: Int64?
    private var pendingThread: Int64?
    private var inBody = false

    // Body state.
    private var object: Int32 = 0
    private var file: Int32 = 0
    /// The file at `fn=` (the function's in the call graph), and the one
    /// its costs are in (changed by `fi=`/`fe=`, not by `fl=`, as in `callgrind_annotate`).
    private var homeFile: Int32 = 0
    private var costFile: Int32 = 0
    private var function: Int32?
    private var currentFunction: Int32 = -1
    private var currentNode: Int32 = -1
    private var currentRow: Int32 = -1
    private var calleeFile: Int32?
    private var calleeObject: Int32?
    private var callee: Int32 = -1
    private var pendingCall = false
    private var callCount: Int64 = 0
    private var previous: [Int64] = [0]
    private var costs: [Int64] = []

    private struct FunctionKey: Hashable {
        var name: Int32, file: Int32, object: Int32
    }

    init(_ text: UnsafeRawBufferPointer) {
        cursor = LineCursor(text)
        builder = ProfileBuilder(sampleTypes: [])
        // Costs are kept per row and event: allow what a file of this size
        // can mean, so that a small hostile file cannot claim gigabytes.
        maxCells = max(1 << 24, text.count.multipliedReportingOverflow(by: 4).partialValue)
    }

    mutating func parse() throws {
        while let line = cursor.next() {
            var i = 0
            Digits.skipSpaces(line, &i)
            guard i < line.count, line[i] != UInt8(ascii: "#") else { continue }
            let b = line[i]
            if Digits.isDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "*") {
                try costLine(line, from: i)
                continue
            }
            var k = i
            while k < line.count, Self.isKeyByte(line[k]) { k += 1 }
            guard k > i, k < line.count else { throw unexpected(line) }
            let key = line.slice(i, k)
            if line[k] == UInt8(ascii: "=") {
                try specification(key, line.slice(k + 1, line.count))
            } else if line[k] == UInt8(ascii: ":") {
                try headerLine(key, line.slice(k + 1, line.count))
            } else {
                throw unexpected(line)
            }
        }
        if pendingCall {
            throw ProfileError.atLine(cursor.lineNumber, "the file ends after a calls= line, before the cost line of that call: it is cut short")
        }
        if !inBody {
            guard let events = pendingEvents else {
                throw ProfileError.atLine(cursor.lineNumber, "no events: line: a callgrind file names its events (events: Ir …) before its costs")
            }
            // A part with a header and no costs.
            parts.append(CallgrindPart(eventTypes: events))
        }
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || Digits.isDigit(b) || b == UInt8(ascii: "_")
    }

    private func unexpected(_ line: UnsafeRawBufferPointer) -> ProfileError {
        let shown = String(decoding: line.prefix(60), as: UTF8.self)
        return ProfileError.atLine(cursor.lineNumber, "not a line of callgrind's format: \"\(shown)\" (a line is a cost line, `key=name` or a `key: value` header)")
    }

    // MARK: Header

    private mutating func headerLine(_ key: UnsafeRawBufferPointer, _ rawValue: UnsafeRawBufferPointer) throws {
        var i = 0
        Digits.skipSpaces(rawValue, &i)
        let value = rawValue.slice(i, rawValue.count)
        if key.elementsEqual("totals".utf8) || key.elementsEqual("summary".utf8) {
            return  // sums the tools check; the costs are what counts
        }
        if inBody { try startPart() }
        switch String(decoding: key, as: UTF8.self) {
        case "events":
            var types: [Int] = []
            for name in Self.words(value) {
                let id = builder.intern(bytes: name)
                if let t = eventIndex[id] {
                    guard !types.contains(t) else {
                        throw ProfileError.atLine(cursor.lineNumber, "the event \(String(decoding: name, as: UTF8.self)) is named twice in this events: line")
                    }
                    types.append(t)
                } else {
                    eventIndex[id] = eventNames.count
                    types.append(eventNames.count)
                    eventNames.append(id)
                }
            }
            guard !types.isEmpty else { throw ProfileError.atLine(cursor.lineNumber, "this events: line names no event") }
            pendingEvents = types
        case "event":
            // `event: Ir : Instruction Fetches` (or `event: Sum = Ir + Dr`, a derived event, skipped).
            guard let colon = ByteSearch.first(UInt8(ascii: ":"), in: value) else { return }
            guard let name = Self.words(value.slice(0, colon)).first else { return }
            var j = colon + 1
            Digits.skipSpaces(value, &j)
            let long = builder.intern(bytes: value.slice(j, value.count))
            longNames[builder.intern(bytes: name)] = UInt64(UInt32(bitPattern: long))
        case "positions":
            let names = Self.words(value)
            guard !names.isEmpty, names.count <= 3 else {
                throw ProfileError.atLine(cursor.lineNumber, "positions: names \(names.count) positions; callgrind's are instr, bb and line")
            }
            positions = names.count
            linePosition = names.firstIndex { $0.elementsEqual("line".utf8) }
        case "part":
            pendingNumber = Self.number(value)
        case "thread":
            pendingThread = Self.number(value)
        case "version":
            if let v = Self.number(value), v >= 2 {
                throw ProfileError.atLine(cursor.lineNumber, "callgrind format version \(v): profconv reads version 1 (and cachegrind's), as callgrind_annotate does")
            }
        default:
            break  // creator, pid, cmd, desc and keys of newer writers say nothing about costs
        }
    }

    /// A header line after a body: the next part begins.
    private mutating func startPart() throws {
        inBody = false
        pendingNumber = nil
        pendingThread = nil
    }

    /// Enters the body at its first line: the header's events become a part.
    private mutating func enterBody() throws {
        guard let events = pendingEvents else {
            throw ProfileError.atLine(cursor.lineNumber, "a body line before the events: line; a callgrind file names its events (events: Ir …) in its header")
        }
        var part = CallgrindPart(eventTypes: events)
        part.number = pendingNumber
        part.thread = pendingThread
        parts.append(part)
        inBody = true
        previous = [Int64](repeating: 0, count: positions)
        costs = [Int64](repeating: 0, count: events.count)
        pendingCall = false
        currentFunction = -1
        currentRow = -1
    }

    private static func words(_ t: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
        var out: [UnsafeRawBufferPointer] = []
        var i = 0
        while i < t.count {
            Digits.skipSpaces(t, &i)
            let s = i
            while i < t.count, !Digits.isSpace(t[i]) { i += 1 }
            if i > s { out.append(t.slice(s, i)) }
        }
        return out
    }

    private static func number(_ t: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        return Digits.decimal(t, &i)
    }

    // MARK: Body

    private mutating func specification(_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws {
        if !inBody { try enterBody() }
        if pendingCall {
            throw ProfileError.atLine(cursor.lineNumber, "a calls= line must be followed by the cost line of its call, not by another specification")
        }
        // Keys by their bytes, not as Strings: this runs for most lines.
        var k: UInt64 = 0
        if key.count <= 5 { for b in key { k = k << 8 | UInt64(b) } }
        switch k {
        case 0x666E:  // fn
            let name = try compressedName(value, .function, "fn")
            function = name
            homeFile = file
            costFile = file
            currentFunction = -1
        case 0x666C:  // fl
            file = try compressedName(value, .file, "fl")
        case 0x6669, 0x6665:  // fi fe
            file = try compressedName(value, .file, "fi")
            costFile = file
            currentFunction = -1
        case 0x6F62:  // ob
            object = try compressedName(value, .object, "ob")
            currentFunction = -1
        case 0x63666E:  // cfn
            let name = try compressedName(value, .function, "cfn")
            callee = functionOf(name: name, file: calleeFile ?? file, object: calleeObject ?? object)
            calleeFile = nil
            calleeObject = nil
        case 0x636669, 0x63666C:  // cfi cfl
            calleeFile = try compressedName(value, .file, "cfi")
        case 0x636F62:  // cob
            calleeObject = try compressedName(value, .object, "cob")
        case 0x63616C6C73:  // calls
            guard callee >= 0 else {
                throw ProfileError.atLine(cursor.lineNumber, "a calls= line without a cfn= line before it to name the function called")
            }
            var i = 0
            Digits.skipSpaces(value, &i)
            var overflow = false
            callCount = Self.saturatingNumber(value, &i, &overflow) ?? -1
            guard callCount >= 0 else {
                throw ProfileError.atLine(cursor.lineNumber, "calls= needs a count of calls, then the called position")
            }
            if overflow { noteSaturation() }
            pendingCall = true
        case 0x6A6669:  // jfi
            _ = try compressedName(value, .file, "jfi")
        case 0x6A666E:  // jfn
            _ = try compressedName(value, .function, "jfn")
        default:
            break  // jump=, jcnd= and others: jumps, not costs
        }
    }

    /// A name, `(N) name` (defining N) or `(N)` (using it).
    private enum NameKind { case object, file, function }

    private mutating func compressedName(_ raw: UnsafeRawBufferPointer, _ table: NameKind, _ kind: String) throws -> Int32 {
        var i = 0
        Digits.skipSpaces(raw, &i)
        guard i + 1 < raw.count, raw[i] == UInt8(ascii: "("), Digits.isDigit(raw[i + 1]) else {
            return builder.intern(bytes: raw.slice(i, raw.count))
        }
        i += 1
        guard let n = Digits.decimal(raw, &i), n <= Int64(UInt32.max) else {
            throw ProfileError.atLine(cursor.lineNumber, "the name id of this \(kind)= line is larger than \(UInt32.max); callgrind numbers names from 1")
        }
        guard i < raw.count, raw[i] == UInt8(ascii: ")") else {
            throw ProfileError.atLine(cursor.lineNumber, "a compressed name of \(kind)= needs `(N)` or `(N) name`")
        }
        i += 1
        Digits.skipSpaces(raw, &i)
        let id = UInt32(n)
        if i == raw.count {
            let known: Int32?
            switch table {
            case .object: known = objectNames.name(id)
            case .file: known = fileNames.name(id)
            case .function: known = functionNames.name(id)
            }
            guard let name = known else {
                throw ProfileError.atLine(cursor.lineNumber, "\(kind)=(\(id)) uses name id \(id) before a line defines it (`\(kind)=(\(id)) name`)")
            }
            return name
        }
        let name = builder.intern(bytes: raw.slice(i, raw.count))
        switch table {
        case .object: objectNames.define(id, name)
        case .file: fileNames.define(id, name)
        case .function: functionNames.define(id, name)
        }
        return name
    }

    private mutating func functionOf(name: Int32, file: Int32, object: Int32) -> Int32 {
        let key = FunctionKey(name: name, file: file, object: object)
        if let f = functionIndex[key] { return f }
        let f = Int32(functions.count)
        functionIndex[key] = f
        functions.append((name, file, object, 0))
        return f
    }

    private mutating func costLine(_ line: UnsafeRawBufferPointer, from start: Int) throws {
        if !inBody { try enterBody() }
        var i = start
        var overflow = false
        for p in 0..<positions {
            Digits.skipSpaces(line, &i)
            guard i < line.count else {
                throw ProfileError.atLine(cursor.lineNumber, "a cost line needs \(positions) position\(positions == 1 ? "" : "s") (positions: header) before its costs")
            }
            let b = line[i]
            if b == UInt8(ascii: "*") {
                i += 1
            } else if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                i += 1
                guard let d = Self.saturatingNumber(line, &i, &overflow) else { throw badNumber(line) }
                previous[p] = b == UInt8(ascii: "+") ? previous[p].saturatingAdd(d) : previous[p].saturatingSubtract(d)
            } else {
                guard let v = Self.saturatingNumber(line, &i, &overflow) else { throw badNumber(line) }
                previous[p] = v
            }
            guard i == line.count || Digits.isSpace(line[i]) else { throw badNumber(line) }
        }
        let part = parts.count - 1
        let events = costs.count
        let rowsBefore = parts[part].rowCount
        var n = 0
        while true {
            Digits.skipSpaces(line, &i)
            if i == line.count { break }
            guard n < events else {
                throw ProfileError.atLine(cursor.lineNumber, "this cost line has more costs than the \(events) event\(events == 1 ? "" : "s") of the events: line")
            }
            guard let v = Self.saturatingNumber(line, &i, &overflow), i == line.count || Digits.isSpace(line[i]) else { throw badNumber(line) }
            costs[n] = v
            n += 1
        }
        if overflow { noteSaturation() }
        if pendingCall {
            pendingCall = false
            _ = try current()
            let row = parts[part].callRow(currentNode, callee)
            parts[part].addCall(row, costs, n)
        } else {
            let f = try current()
            if currentRow < 0 {
                currentRow = parts[part].selfRow(f, node: currentNode)
            }
            parts[part].addSelf(currentRow, costs, n)
            if let lp = linePosition, previous[lp] > 0,
               functions[Int(f)].firstLine == 0 || previous[lp] < functions[Int(f)].firstLine {
                functions[Int(f)].firstLine = previous[lp]
            }
        }
        if parts[part].saturated && saturatedAt == nil { saturatedAt = cursor.lineNumber }
        cells += (parts[part].rowCount - rowsBefore) * events
        if cells > maxCells {
            throw ProfileError.atLine(cursor.lineNumber, "more costs (functions and calls times events) than a file of this size can hold: it is not a real callgrind profile")
        }
    }

    /// The function the cost lines are about, known once `fn=` was read.
    private mutating func current() throws -> Int32 {
        if currentFunction >= 0 { return currentFunction }
        guard let function else {
            throw ProfileError.atLine(cursor.lineNumber, "a cost line before any fn= line: callgrind's costs belong to the function named before them")
        }
        currentFunction = functionOf(name: function, file: costFile, object: object)
        currentNode = functionOf(name: function, file: homeFile, object: object)
        currentRow = -1
        return currentFunction
    }

    private func badNumber(_ line: UnsafeRawBufferPointer) -> ProfileError {
        let shown = String(decoding: line.prefix(60), as: UTF8.self)
        return ProfileError.atLine(cursor.lineNumber, "not a cost line: \"\(shown)\" (positions, then one whole number per event, decimal or 0x hex)")
    }

    private mutating func noteSaturation() {
        if saturatedAt == nil { saturatedAt = cursor.lineNumber }
    }

    /// A decimal or `0x` hex number; one past `Int64.max` is kept as
    /// `Int64.max` and `overflow` set. Nil when there is no number.
    static func saturatingNumber(_ t: UnsafeRawBufferPointer, _ i: inout Int, _ overflow: inout Bool) -> Int64? {
        if i + 1 < t.count, t[i] == UInt8(ascii: "0"), t[i + 1] | 0x20 == UInt8(ascii: "x") {
            var j = i + 2
            var v: Int64 = 0
            while j < t.count {
                let b = t[j] | 0x20
                let d: Int64
                if Digits.isDigit(t[j]) { d = Int64(t[j] - 0x30) } else if b >= 0x61 && b <= 0x66 { d = Int64(b - 0x61 + 10) } else { break }
                if v > (Int64.max - d) / 16 { v = .max; overflow = true } else { v = v * 16 + d }
                j += 1
            }
            guard j > i + 2 else { return nil }
            i = j
            return v
        }
        var v: Int64 = 0
        let start = i
        while i < t.count, Digits.isDigit(t[i]) {
            let d = Int64(t[i] &- 0x30)
            if v > (Int64.max - d) / 10 { v = .max; overflow = true } else { v = v * 10 + d }
            i += 1
        }
        return i > start ? v : nil
    }
}

/// Compressed names of one kind, `(N)` → string id. callgrind numbers names
/// 1, 2, 3 …: those are an array, looked up without hashing (one lookup per
/// `fn=`/`cfn=` line); ids far beyond what was defined go to a dictionary,
/// so that one hostile id costs no gigabytes.
private struct NameTable {
    private var dense: [Int32] = []
    private var sparse: [UInt32: Int32] = [:]

    func name(_ id: UInt32) -> Int32? {
        if Int(id) < dense.count, dense[Int(id)] >= 0 { return dense[Int(id)] }
        return sparse.isEmpty ? nil : sparse[id]  // defined far out, before the array reached it
    }

    mutating func define(_ id: UInt32, _ name: Int32) {
        let i = Int(id)
        if i < dense.count {
            dense[i] = name
        } else if i < 2 * dense.count + 4096 {
            dense.append(contentsOf: repeatElement(-1, count: i + 1 - dense.count))
            dense[i] = name
        } else {
            sparse[id] = name
        }
    }
}
