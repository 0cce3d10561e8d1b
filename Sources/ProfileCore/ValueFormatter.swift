/// Formats values with their units the way `go tool pprof` prints them:
/// `1.50s`, `120ms`, `2.50MB`, `1234`.
public enum ValueFormatter {
    /// `value` in `unit` (`nanoseconds`, `bytes`, `count`, …), scaled to a readable unit.
    public static func format(_ value: Int64, unit: String) -> String {
        let (scaled, suffix) = scale(Double(value), unit: unit)
        if suffix.isEmpty && unit != "nanoseconds" && unit != "bytes" { return String(value) }
        return decimal(scaled) + suffix
    }

    /// Scales like pprof's `measurement.Scale` with automatic units.
    public static func scale(_ value: Double, unit: String) -> (Double, String) {
        let magnitude = abs(value)
        switch unit.lowercased() {
        case "nanoseconds", "nanosecond", "ns":
            for (factor, name) in [(1e9 * 3600, "hrs"), (1e9 * 60, "mins"), (1e9, "s"), (1e6, "ms"), (1e3, "us")] where magnitude >= factor {
                return (value / factor, name)
            }
            return (value, "ns")
        case "microseconds", "us":
            return scale(value * 1e3, unit: "nanoseconds")
        case "milliseconds", "ms":
            return scale(value * 1e6, unit: "nanoseconds")
        case "seconds", "s":
            return scale(value * 1e9, unit: "nanoseconds")
        case "bytes", "byte", "b":
            for (factor, name) in [(1024.0 * 1024 * 1024 * 1024, "TB"), (1024.0 * 1024 * 1024, "GB"), (1024.0 * 1024, "MB"), (1024.0, "kB")] where magnitude >= factor {
                return (value / factor, name)
            }
            return (value, "B")
        default:
            return (value, "")
        }
    }

    /// Two decimals, trailing zeros trimmed: `1.50` → `1.50` as pprof does (`%.2f` then trimmed of `.00`).
    public static func decimal(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        if rounded == rounded.rounded(.towardZero) && abs(rounded) < 1e15 {
            return String(Int64(rounded))
        }
        let hundredths = Int64(saturating: (abs(v) * 100).rounded())
        let whole = hundredths / 100, frac = hundredths % 100
        return (v < 0 ? "-" : "") + "\(whole)." + (frac < 10 ? "0\(frac)" : "\(frac)")
    }
}
