import CLibXML2
import ProfileCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `xctrace export` XML (see ``XCTraceFormat``) with libxml2's
/// streaming reader under `XMLSafety`: no network, no entities, each
/// element seen once.
struct XCTraceReader {
    private var builder = ProfileBuilder(sampleTypes: [("samples", "count"), ("weight", "nanoseconds")], defaultSampleType: "samples")
    /// By `id`: each frame's location, each backtrace's frames (a range of
    /// `stacks`, leaf first), each weight, each thread's label value.
    private var frames: [UInt64: Int32] = [:]
    private var backtraces: [UInt64: Range<Int>] = [:]
    private var weights: [UInt64: Int64] = [:]
    private var threads: [UInt64: Int32] = [:]
    private var stacks: [Int32] = []
    /// Rows of one backtrace and thread are one sample, their values
    /// summed: a `<backtrace ref=…/>` row of a few bytes must not copy a
    /// stack of thousands of frames.
    private struct RowKey: Hashable { var start: Int, count: Int, thread: Int32 }
    private var sums: [RowKey: Int] = [:]
    private var order: [(key: RowKey, samples: Int64, weight: Int64)] = []
    private var threadKey: Int32 = 0

    /// The row being read.
    private var row: (backtrace: Range<Int>?, weight: Int64, thread: Int32?)?
    private var backtrace: (id: UInt64, start: Int)?
    private var weight: (id: UInt64?, text: [UInt8])?
    private var line = 0

    mutating func read(_ input: UnsafeRawBufferPointer) throws -> Profile {
        try XMLSafety.refuseEntityDeclarations(input, document: "xctrace export")
        threadKey = builder.intern("thread")
        guard let base = input.baseAddress?.assumingMemoryBound(to: CChar.self),
              let reader = xmlReaderForMemory(base, Int32(clamping: input.count), nil, nil, XMLSafety.parseOptions) else {
            throw ProfileError("the input is empty")
        }
        defer { xmlFreeTextReader(reader) }
        let errors = XMLSafety.ErrorCapture()
        errors.install(on: reader)
        var sawRoot = false
        var locations: [Int32] = []
        var labels: [Label] = []
        var values: [Int64] = [1, 0]
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 {
                throw errors.error(document: "xctrace export", fallbackLine: Int(xmlTextReaderGetParserLineNumber(reader)))
            }
            // The node's own line: the parser's has read ahead of it.
            line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
            let name = xmlTextReaderConstLocalName(reader)
            switch xmlTextReaderNodeType(reader) {
            case 1:
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                if Self.is(name, "trace-query-result") { sawRoot = true }
                else if Self.is(name, "row") { row = (nil, 0, nil) }
                else if Self.is(name, "backtrace"), row != nil { try startBacktrace(reader, empty: empty) }
                else if Self.is(name, "frame"), backtrace != nil { try frame(reader) }
                else if Self.is(name, "weight"), row != nil { try startWeight(reader, empty: empty) }
                else if Self.is(name, "thread"), row != nil { try thread(reader) }
            case 3, 4:  // text, CDATA
                if weight != nil, let v = xmlTextReaderConstValue(reader) {
                    weight!.text.append(contentsOf: UnsafeRawBufferPointer(start: v, count: strlen(v)))
                }
            case 15:
                if Self.is(name, "backtrace"), let b = backtrace {
                    try register(backtrace: b.id, b.start..<stacks.count)
                } else if Self.is(name, "weight"), weight != nil {
                    try endWeight()
                } else if Self.is(name, "row"), let r = row {
                    row = nil
                    guard let frames = r.backtrace else { continue }
                    let key = RowKey(start: frames.lowerBound, count: frames.count, thread: r.thread ?? -1)
                    if let i = sums[key] {
                        order[i].samples = order[i].samples.saturatingAdd(1)
                        order[i].weight = order[i].weight.saturatingAdd(r.weight)
                    } else {
                        sums[key] = order.count
                        order.append((key, 1, r.weight))
                    }
                }
            default: break
            }
        }
        guard sawRoot else { throw ProfileError("no <trace-query-result> element: this is not the XML of `xctrace export`") }
        for row in order {
            locations.removeAll(keepingCapacity: true)
            locations.append(contentsOf: stacks[row.key.start..<(row.key.start + row.key.count)])
            labels.removeAll(keepingCapacity: true)
            if row.key.thread >= 0 { labels.append(Label(key: threadKey, str: row.key.thread)) }
            values[0] = row.samples
            values[1] = row.weight
            builder.addSample(locations: locations, values: values, labels: labels)
        }
        return builder.build()
    }

    private mutating func startBacktrace(_ reader: xmlTextReaderPtr, empty: Bool) throws {
        if let ref = try Self.number(reader, "ref", line) {
            guard let frames = backtraces[ref] else {
                throw ProfileError.atLine(line, "a backtrace refers to id \(ref), which no backtrace before it has")
            }
            row?.backtrace = frames
        } else if empty {
            guard let id = try Self.number(reader, "id", line) else { throw ProfileError.atLine(line, "a backtrace has neither an id nor a ref") }
            try register(backtrace: id, stacks.count..<stacks.count)
        } else {
            guard let id = try Self.number(reader, "id", line) else { throw ProfileError.atLine(line, "a backtrace has neither an id nor a ref") }
            backtrace = (id, stacks.count)
        }
    }

    private mutating func register(backtrace id: UInt64, _ frames: Range<Int>) throws {
        backtrace = nil
        guard backtraces.updateValue(frames, forKey: id) == nil else {
            throw ProfileError.atLine(line, "two backtraces have the id \(id)")
        }
        row?.backtrace = frames
    }

    private mutating func frame(_ reader: xmlTextReaderPtr) throws {
        if let ref = try Self.number(reader, "ref", line) {
            guard let location = frames[ref] else {
                throw ProfileError.atLine(line, "a frame refers to id \(ref), which no frame before it has")
            }
            stacks.append(location)
            return
        }
        guard let id = try Self.number(reader, "id", line) else { throw ProfileError.atLine(line, "a frame has neither an id nor a ref") }
        guard let value = xmlTextReaderGetAttribute(reader, "name") else {
            throw ProfileError.atLine(line, "frame \(id) has no name")
        }
        defer { profconv_xmlFree(value) }
        let bytes = UnsafeRawBufferPointer(start: value, count: strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self)))
        let name = RustSymbol.fixPartlyDemangled(bytes).map { builder.intern($0) } ?? builder.intern(bytes: bytes)
        let address = try Self.address(reader, line)
        let location = builder.location(function: builder.function(name: name), address: address)
        guard frames.updateValue(location, forKey: id) == nil else {
            throw ProfileError.atLine(line, "two frames have the id \(id)")
        }
        stacks.append(location)
    }

    private mutating func startWeight(_ reader: xmlTextReaderPtr, empty: Bool) throws {
        if let ref = try Self.number(reader, "ref", line) {
            guard let w = weights[ref] else { throw ProfileError.atLine(line, "a weight refers to id \(ref), which no weight before it has") }
            row?.weight = w
        } else if !empty {
            weight = (try Self.number(reader, "id", line), [])
        }
    }

    private mutating func endWeight() throws {
        guard let w = weight else { return }
        weight = nil
        let value = try w.text.withUnsafeBytes { t -> Int64 in
            var i = 0
            guard let v = Digits.decimal(t, &i), i == t.count else {
                throw ProfileError.atLine(line, "the weight '\(t.excerpt)' is not a whole number of nanoseconds")
            }
            return v
        }
        if let id = w.id { weights[id] = value }
        row?.weight = value
    }

    /// The thread's `fmt` (`main  0x8480c1 (rust_test2, pid: 49374)`), as a label.
    private mutating func thread(_ reader: xmlTextReaderPtr) throws {
        if let ref = try Self.number(reader, "ref", line) {
            row?.thread = threads[ref]
            return
        }
        guard let id = try Self.number(reader, "id", line), let fmt = xmlTextReaderGetAttribute(reader, "fmt") else { return }
        defer { profconv_xmlFree(fmt) }
        let value = builder.intern(bytes: UnsafeRawBufferPointer(start: fmt, count: strlen(UnsafeRawPointer(fmt).assumingMemoryBound(to: CChar.self))))
        threads[id] = value
        row?.thread = value
    }

    private static func number(_ reader: xmlTextReaderPtr, _ attribute: String, _ line: Int) throws -> UInt64? {
        guard let v = xmlTextReaderGetAttribute(reader, attribute) else { return nil }
        defer { profconv_xmlFree(v) }
        let t = UnsafeRawBufferPointer(start: v, count: strlen(UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self)))
        var i = 0
        guard let n = Digits.decimal(t, &i), i == t.count else {
            throw ProfileError.atLine(line, "the \(attribute) '\(t.excerpt)' is not a whole number")
        }
        return UInt64(n)
    }

    private static func address(_ reader: xmlTextReaderPtr, _ line: Int) throws -> UInt64 {
        guard let v = xmlTextReaderGetAttribute(reader, "addr") else { return 0 }
        defer { profconv_xmlFree(v) }
        let t = UnsafeRawBufferPointer(start: v, count: strlen(UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self)))
        var i = 0
        guard let a = Digits.hex(t, &i), i == t.count else {
            throw ProfileError.atLine(line, "the address '\(t.excerpt)' is not a 0x hex number")
        }
        return a
    }

    private static func `is`(_ name: UnsafePointer<xmlChar>?, _ s: StaticString) -> Bool {
        guard let name else { return false }
        return strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }
}
