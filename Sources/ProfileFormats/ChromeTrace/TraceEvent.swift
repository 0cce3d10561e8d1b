import ProfileCore

/// The fields of one Trace Event profconv uses, read in one pass over the
/// event object. `args` comes first in Chrome's files (keys in alphabetical
/// order), before the `name` and `ph` that say whether it matters: the
/// scanner skips it and remembers where it was, to come back for it.
struct TraceEvent {
    var phase: UInt8 = 0
    var pid: Int64 = 0
    var tid: Int64 = 0
    /// `ts` and `dur`, microseconds.
    var ts: Double = 0
    var dur: Double?
    /// The event's `id` (profiles), as its JSON text.
    var id: [UInt8] = []
    /// The offset of the `args` value; -1 for none.
    var args = -1
    /// Where the event object starts.
    var offset = 0
    var name: Name = .other
    /// The name's string id, for duration events.
    var nameID: Int32 = 0

    enum Name { case profile, profileChunk, threadName, other }

    /// Reads the event object at the scanner (names of duration events interned).
    static func read(_ s: inout JSONScanner, _ strings: inout ProfileBuilder, _ threadIDs: inout [[UInt8]: Int64]) throws -> TraceEvent {
        var e = TraceEvent()
        s.skipSpace()
        e.offset = s.pos
        try s.beginObject("a trace event object")
        var n = 0
        var name: (start: Int, end: Int)?
        while let key = try s.nextMember(&n) {
            switch key {
            case Key.ph:
                e.phase = try s.withString { $0.first ?? 0 }
            case Key.name:
                s.skipSpace()
                let start = s.pos
                try s.skipValue()
                name = (start, s.pos)
            case Key.pid: e.pid = try threadID(&s, &threadIDs)
            case Key.tid: e.tid = try threadID(&s, &threadIDs)
            case Key.ts: e.ts = try s.number()
            case Key.dur: e.dur = try s.number()
            case Key.id:
                s.skipSpace()
                let start = s.pos
                try s.skipValue()
                e.id = Array(s.input[start..<s.pos])
            case Key.args:
                s.skipSpace()
                e.args = s.pos
                try s.skipValue()
            default: try s.skipValue()
            }
        }
        if let name {
            let end = s.pos
            s.seek(to: name.start)
            if s.peek() == UInt8(ascii: "\"") {
                try s.withString { bytes in
                    switch e.phase {
                    case UInt8(ascii: "P"):
                        if bytes.elementsEqual("Profile".utf8) { e.name = .profile }
                        if bytes.elementsEqual("ProfileChunk".utf8) { e.name = .profileChunk }
                    case UInt8(ascii: "M"):
                        if bytes.elementsEqual("thread_name".utf8) { e.name = .threadName }
                    case UInt8(ascii: "X"), UInt8(ascii: "B"):
                        e.nameID = strings.intern(bytes: bytes)
                    default: break
                    }
                }
            }
            s.seek(to: end)
        }
        return e
    }

    /// A pid or tid: a number, or a string (some writers), numbered by first appearance below 0.
    private static func threadID(_ s: inout JSONScanner, _ ids: inout [[UInt8]: Int64]) throws -> Int64 {
        if s.peek() == UInt8(ascii: "\"") {
            let key = try s.withString { Array($0) }
            if let id = ids[key] { return id }
            let id = -Int64(ids.count) - 1
            ids[key] = id
            return id
        }
        return Int64(saturating: try s.number())
    }

    enum Key {
        static let ph = Array("ph".utf8)
        static let name = Array("name".utf8)
        static let pid = Array("pid".utf8)
        static let tid = Array("tid".utf8)
        static let ts = Array("ts".utf8)
        static let dur = Array("dur".utf8)
        static let id = Array("id".utf8)
        static let args = Array("args".utf8)
    }
}

extension TraceEvent {
    /// Calls `body` with each member of the event's `args` object (which
    /// returns false for one it leaves to be skipped), reading it again
    /// where it was first passed over, then puts the scanner back.
    func eachArgument(_ s: inout JSONScanner, _ body: ([UInt8], inout JSONScanner) throws -> Bool) throws {
        guard args >= 0 else { return }
        let back = s.pos
        s.seek(to: args)
        try s.beginObject("an args object")
        var n = 0
        while let key = try s.nextMember(&n) {
            if try !body(key, &s) { try s.skipValue() }
        }
        s.seek(to: back)
    }
}
