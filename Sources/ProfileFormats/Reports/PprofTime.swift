import ProfileCore

/// The time in the header of pprof's reports.
enum PprofTime {
    /// `Jan 2, 2006 at 3:04pm (UTC)`, pprof's time layout, in UTC.
    static func text(_ nanos: Int64) -> String {
        let t = CivilTime(unixNanos: nanos)
        let (year, month, day, hour, minute) = (t.year, t.month, t.day, t.hour, t.minute)
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        return "\(names[Int(month - 1)]) \(day), \(year) at \(h12):\(minute < 10 ? "0" : "")\(minute)\(hour < 12 ? "am" : "pm") (UTC)"
    }
}
