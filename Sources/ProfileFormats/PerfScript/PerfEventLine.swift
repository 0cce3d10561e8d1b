import ProfileCore

/// The header line of one `perf script` event, as inferno-collapse-perf
/// splits it (its `event_line_parts` and `on_event_line`):
/// ```
/// java 12688/12764 [002] 6544038.708352:     250000 cpu-clock:uhH:
/// V8 WorkerThread 25607 4794564.109216: cycles:
/// false 64414 20110.539270:      34467 cycles:u:  ffffffff9aa3c8de [unknown] ([unknown])
/// ```
/// `comm` runs to the first all-digit word (`PID/TID` or `TID`); then an
/// optional `[CPU]`, an optional time `SECONDS.FRACTION:`, the period and
/// the event name up to its `:`, its modifiers, and, when the stack has one
/// frame, that frame on the same line. Ranges are offsets into the line.
struct PerfEventLine {
    var comm: Range<Int>
    /// Nil when perf printed a TID only (stackcollapse-perf.pl's `?`).
    var pid: Range<Int>?
    var tid: Range<Int>
    var cpu: Int64?
    /// Nanoseconds since boot, when perf printed a time.
    var timeNanos: Int64?
    var period: Int64?
    /// The event's name (`cpu-clock`) and its modifiers (`uhH`); nil without a `:`.
    var event: Range<Int>?
    var modifiers: Range<Int>?
    /// A frame printed on the event line itself.
    var frame: Range<Int>?

    /// Parses `line` (trailing spaces removed); nil when it has no all-digit word.
    /// (Inlined: built in place in the reader's loop, not copied out.)
    @inline(__always) init?(_ line: UnsafeRawBufferPointer) {
        guard let (comm, pid, tid, end) = Self.commAndIDs(line) else { return nil }
        self.comm = comm
        self.pid = pid
        self.tid = tid
        var i = end
        let n = line.count
        // `[CPU]` and `TIME:`, before the event's piece.
        Digits.skipSpaces(line, &i)
        if i < n && line[i] == UInt8(ascii: "[") {
            var j = i + 1
            if let c = Digits.decimal(line, &j), j < n, line[j] == UInt8(ascii: "]") {
                cpu = c
                i = j + 1
            }
        }
        let colon = ByteSearch.first(UInt8(ascii: ":"), in: line, from: i)
        var eventPiece = i
        if let colon {
            var j = i
            Digits.skipSpaces(line, &j)
            if let t = Self.time(line, j, colon) {
                timeNanos = t
                eventPiece = colon + 1
            } else if FrameText.trimmed(line, i, colon).isEmpty {
                eventPiece = colon + 1
            }
        }
        guard let eventColon = ByteSearch.first(UInt8(ascii: ":"), in: line, from: eventPiece) else { return }
        // The event is the last word before its colon, the period the word before it.
        var s = eventColon
        while s > eventPiece && line[s - 1] != 0x20 { s -= 1 }
        event = s..<eventColon
        if s > eventPiece {
            var p = s - 1
            while p > eventPiece && line[p - 1] != 0x20 { p -= 1 }
            var k = p
            if let v = Digits.decimal(line, &k), k == s - 1 { period = v }
        }
        // After the event's colon: its modifiers up to a `:` or space, then perhaps a frame.
        var m = eventColon + 1
        while m < n && line[m] != UInt8(ascii: ":") && line[m] != 0x20 { m += 1 }
        modifiers = (eventColon + 1)..<m
        let rest = FrameText.trimmed(line, m < n ? m + 1 : eventColon + 1, n)
        if !rest.isEmpty { frame = rest }
    }

    /// inferno's `event_line_parts`: the first word of digits (and one `/`)
    /// followed by a space is `PID/TID` or `TID`, what precedes it the command.
    private static func commAndIDs(_ line: UnsafeRawBufferPointer) -> (Range<Int>, Range<Int>?, Range<Int>, Int)? {
        var wordStart = 0
        var allDigits = false, lastWasSpace = false
        var slash: Int?
        for idx in 0..<line.count {
            let c = line[idx]
            if c == 0x20 {
                if allDigits && !lastWasSpace {
                    let comm = FrameText.trimmed(line, 0, wordStart - 1)
                    if let slash { return (comm, wordStart..<slash, (slash + 1)..<idx, idx + 1) }
                    return (comm, nil, wordStart..<idx, idx + 1)
                }
                wordStart = idx + 1
                allDigits = true
            } else if c == UInt8(ascii: "/") {
                if allDigits { slash = idx }
            } else if !Digits.isDigit(c) {
                allDigits = false
                slash = nil
            }
            lastWasSpace = c == 0x20
        }
        return nil
    }

    /// `SECONDS.FRACTION` filling `line[lo..<hi]`, in nanoseconds.
    private static func time(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int64? {
        var i = lo
        guard let seconds = Digits.decimal(line, &i), i < hi, line[i] == UInt8(ascii: ".") else { return nil }
        i += 1
        var fraction: Int64 = 0, digits = 0
        while i < hi, Digits.isDigit(line[i]) {
            if digits < 9 { fraction = fraction * 10 + Int64(line[i] - 0x30); digits += 1 }
            i += 1
        }
        guard i == hi, digits > 0 else { return nil }
        while digits < 9 { fraction *= 10; digits += 1 }
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? nil : ns.saturatingAdd(fraction)
    }
}
