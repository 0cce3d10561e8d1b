/// Unit conversion exactly as `go tool pprof` does it (its `measurement`
/// package): bytes in powers of 1024 (`B kB MB GB TB PB`), time from `ns` up
/// to `hrs`, and Google's GCU; anything else passes through unscaled.
public enum Units {
    private struct Unit {
        let name: String
        let aliases: [String]
        let factor: Double
    }
    private struct Family {
        let units: [Unit]
        let fallback: Unit

        func find(_ text: String) -> Unit? {
            var u = text.lowercased()
            if u.utf8.count > 2 && u.hasSuffix("s") { u.removeLast() }
            return units.first { $0.aliases.contains(u) }
        }

        func autoScale(_ v: Double) -> (Double, String)? {
            var f = 0.0, name = ""
            for u in units where u.factor >= f && v / u.factor >= 1 {
                f = u.factor
                name = u.name
            }
            return f == 0 ? nil : (v / f, name)
        }

        func convert(_ value: Int64, from: String, to: String) -> (Double, String)? {
            guard let fromUnit = find(from) else { return nil }
            let v = Double(value) * fromUnit.factor
            if to == "minimum" || to == "auto" {
                return autoScale(v) ?? (v / fallback.factor, fallback.name)
            }
            guard let toUnit = find(to) else { return (v / fallback.factor, fallback.name) }
            return (v / toUnit.factor, toUnit.name)
        }
    }

    private static let memory = Family(units: [
        Unit(name: "B", aliases: ["b", "byte"], factor: 1),
        Unit(name: "kB", aliases: ["kb", "kbyte", "kilobyte"], factor: 1024),
        Unit(name: "MB", aliases: ["mb", "mbyte", "megabyte"], factor: 1024 * 1024),
        Unit(name: "GB", aliases: ["gb", "gbyte", "gigabyte"], factor: 1024 * 1024 * 1024),
        Unit(name: "TB", aliases: ["tb", "tbyte", "terabyte"], factor: 1024.0 * 1024 * 1024 * 1024),
        Unit(name: "PB", aliases: ["pb", "pbyte", "petabyte"], factor: 1024.0 * 1024 * 1024 * 1024 * 1024),
    ], fallback: Unit(name: "B", aliases: [], factor: 1))

    private static let time = Family(units: [
        Unit(name: "ns", aliases: ["ns", "nanosecond"], factor: 1),
        Unit(name: "us", aliases: ["μs", "us", "microsecond"], factor: 1e3),
        Unit(name: "ms", aliases: ["ms", "millisecond"], factor: 1e6),
        Unit(name: "s", aliases: ["s", "sec", "second"], factor: 1e9),
        Unit(name: "hrs", aliases: ["hour", "hr"], factor: 3600e9),
    ], fallback: Unit(name: "s", aliases: [], factor: 1e9))

    private static let gcu = Family(units: [
        Unit(name: "n*GCU", aliases: ["nanogcu"], factor: 1e-9),
        Unit(name: "u*GCU", aliases: ["microgcu"], factor: 1e-6),
        Unit(name: "m*GCU", aliases: ["milligcu"], factor: 1e-3),
        Unit(name: "GCU", aliases: ["gcu"], factor: 1),
        Unit(name: "k*GCU", aliases: ["kilogcu"], factor: 1e3),
        Unit(name: "M*GCU", aliases: ["megagcu"], factor: 1e6),
        Unit(name: "G*GCU", aliases: ["gigagcu"], factor: 1e9),
        Unit(name: "T*GCU", aliases: ["teragcu"], factor: 1e12),
        Unit(name: "P*GCU", aliases: ["petagcu"], factor: 1e15),
    ], fallback: Unit(name: "GCU", aliases: [], factor: 1))

    /// `value` measured in `from`, expressed in `to` (a unit name, or
    /// `minimum`/`auto` for the largest unit that keeps the value ≥ 1).
    /// Returns the scaled value and the unit's printed name (`""` for counts).
    public static func scale(_ value: Int64, from: String, to: String) -> (Double, String) {
        if value < 0 && value != .min {
            let (v, u) = scale(-value, from: from, to: to)
            return (-v, u)
        }
        for family in [memory, time, gcu] {
            if let r = family.convert(value, from: from, to: to) { return r }
        }
        switch to {
        case "count", "sample", "unit", "minimum", "auto": return (Double(value), "")
        default: return (Double(value), to)
        }
    }
}
