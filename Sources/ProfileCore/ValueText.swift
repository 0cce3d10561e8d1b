/// Values as `go tool pprof` prints them (its `measurement` package:
/// `Label`, `ScaledLabel`, `Percentage`). The one number style of every
/// report: `top`, `traces`, DOT, `info`, flame graph titles, diff and leak
/// reports all print a total the same way, e.g. `2000s`, `2.61MB`, `2019`.
public enum ValueText {
    /// pprof's `Label`: `value` in `unit`, in the largest unit that keeps it ≥ 1.
    public static func label(_ value: Int64, unit: String) -> String {
        scaledLabel(value, from: unit, to: "auto")
    }

    /// pprof's `ScaledLabel`: `value` in `from`, converted to `to`, two decimals.
    public static func scaledLabel(_ value: Int64, from: String, to: String) -> String {
        let (v, u) = Units.scale(value, from: from, to: to)
        let text = decimal(v)
        return text == "0" ? text : text + u
    }

    /// Go's `%.2f` with `.00` dropped, and `0` for anything that rounds to zero.
    public static func decimal(_ v: Double) -> String {
        var text = DecimalText.fixed(v, places: 2)
        if text.hasSuffix(".00") { text.removeLast(3) }
        return text == "-0" ? "0" : text
    }

    /// pprof's `Percentage`: `value` of `total`, six characters wide (`12.50%`, ` 0.05%`).
    public static func percentage(_ value: Int64, of total: Int64) -> String {
        var ratio = 0.0
        if total != 0 { ratio = abs(Double(value) / Double(total)) * 100 }
        if ratio >= 99.95 && ratio <= 100.05 { return "  100%" }
        let digits = ratio >= 1 ? DecimalText.fixed(ratio, places: 2) : DecimalText.twoSignificant(ratio)
        return String(repeating: " ", count: max(0, 5 - digits.count)) + digits + "%"
    }
}
