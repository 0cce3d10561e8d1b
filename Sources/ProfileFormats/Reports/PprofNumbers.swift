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
        let secs = nanos >= 0 ? nanos / 1_000_000_000 : (nanos - 999_999_999) / 1_000_000_000
        var days = secs / 86400
        var rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let hour = rem / 3600, minute = (rem % 3600) / 60
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        return "\(names[Int(month - 1)]) \(day), \(year) at \(h12):\(minute < 10 ? "0" : "")\(minute)\(hour < 12 ? "am" : "pm") (UTC)"
    }
}
