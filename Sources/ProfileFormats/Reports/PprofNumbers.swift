#if canImport(Glibc)
import Glibc
#endif
import ProfileCore

/// Number formatting exactly as `go tool pprof` prints it (`%.2f` with
/// `.00` trimmed, `%5.2f%%`, `%5.2g%%`). C's `printf` rounds like Go's `fmt`
/// (correctly, from the exact binary value), so it is used for the digits.
enum PprofNumbers {
    static func printf(_ format: String, _ args: CVarArg...) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = withVaList(args) { vsnprintf(&buffer, buffer.count, format, $0) }
        if n >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(n) + 1)
            _ = withVaList(args) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// pprof's `ScaledLabel`: `value` in `from`, converted to `to`, two decimals.
    static func scaledLabel(_ value: Int64, from: String, to: String) -> String {
        let (v, u) = Units.scale(value, from: from, to: to)
        var s = printf("%.2f", v)
        if s.hasSuffix(".00") { s.removeLast(3) }
        if s == "0" || s == "-0" { return "0" }
        return s + u
    }

    /// pprof's `Label`: the value in the most readable unit.
    static func label(_ value: Int64, unit: String) -> String { scaledLabel(value, from: unit, to: "auto") }

    /// pprof's `Percentage`: `value` of `total`, six characters wide.
    static func percentage(_ value: Int64, of total: Int64) -> String {
        var ratio = 0.0
        if total != 0 { ratio = abs(Double(value) / Double(total)) * 100 }
        if ratio >= 99.95 && ratio <= 100.05 { return "  100%" }
        if ratio >= 1 { return printf("%5.2f%%", ratio) }
        return printf("%5.2g%%", ratio)
    }

    /// `Jan 2, 2006 at 3:04pm (UTC)`, pprof's time layout, in UTC.
    static func time(_ nanos: Int64) -> String {
        let t = CivilTime(unixNanos: nanos)
        let (year, month, day, hour, minute) = (t.year, t.month, t.day, t.hour, t.minute)
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        return "\(names[Int(month - 1)]) \(day), \(year) at \(h12):\(minute < 10 ? "0" : "")\(minute)\(hour < 12 ? "am" : "pm") (UTC)"
    }
}
