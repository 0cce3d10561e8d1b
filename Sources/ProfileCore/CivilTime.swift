/// A UTC calendar date and time from Unix nanoseconds, without Foundation
/// (ProfileCore has none): Howard Hinnant's `civil_from_days`.
public struct CivilTime: Equatable, Sendable {
    /// The date: year, month (1–12) and day of the month (1–31).
    public var year: Int64, month: Int64, day: Int64
    /// The time of day, UTC.
    public var hour: Int64, minute: Int64, second: Int64

    /// The UTC date and time of `nanos` since the Unix epoch (rounding down, also before 1970).
    public init(unixNanos nanos: Int64) {
        // Floor division that cannot overflow: `nanos - 999_999_999` would, near Int64.min.
        let secs = nanos / 1_000_000_000 - (nanos % 1_000_000_000 < 0 ? 1 : 0)
        var days = secs / 86400
        var rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        hour = rem / 3600
        minute = rem % 3600 / 60
        second = rem % 60
    }

    /// A date and time from its fields, taken as UTC.
    public init(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// Seconds since 1970-01-01T00:00:00Z: Hinnant's `days_from_civil`.
    public var unixSeconds: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86400 + hour * 3600 + minute * 60 + second
    }

    /// `2026-11-26T16:33:34Z`.
    public var iso8601: String {
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }
}
