/// How report names are simplified, as `go tool pprof -symbolize=demangle=MODE`
/// simplifies them (`internal/symbolizer` of the pprof that Go 1.19 vendors).
///
/// pprof cannot demangle a name that is not mangled, so for the names
/// profiles carry (Go, demangled C++ and Rust, Java) its modes reduce to a
/// heuristic: a name that *looks like* demangled C++ — it contains one of
/// `<>[]` or `::`, but not `.<` (Java's `Class.<init>`) nor `]).` (Go's
/// `pkg.(*T[...]).M`) — loses its `(…)` groups (`default`, `templates`) and
/// its `<…>` groups (`default`), nested groups included; an unbalanced
/// closing bracket stops the removal and keeps the rest. Mangled symbols
/// (`_Z…`, `_R…`) are left as stored: profconv has no C++ or Rust demangler.
public enum DemangleMode: String, CaseIterable, Sendable {
    /// pprof's default: no parameters, no template arguments.
    case `default`
    /// No parameters; template arguments kept.
    case templates
    /// The stored system name, unsimplified.
    case full
    /// The stored system name.
    case none

    /// Whether `(…)` groups are removed.
    var removesParameters: Bool { self == .default || self == .templates }
    /// Whether `<…>` groups are removed.
    var removesTemplates: Bool { self == .default }
    /// Whether names already different from their system names are replaced
    /// (pprof forces re-demangling for every mode but the default).
    var forces: Bool { self != .default }
}

extension Profile {
    /// The profile with function names as pprof's reports show them in `mode`.
    /// Only `name` changes; `systemName` keeps what was stored.
    public func demangled(_ mode: DemangleMode) -> Profile {
        var p = self
        var simplified: [Int32: Int32] = [:]  // system name id → report name id
        for i in p.functions.indices {
            var f = p.functions[i]
            if mode.forces && f.name != 0 && f.systemName != 0 { f.name = f.systemName }
            // pprof leaves a name alone when it differs from the system name:
            // someone demangled it already.
            if f.name != 0 && f.systemName != f.name { continue }
            if let done = simplified[f.systemName] {
                f.name = done
            } else {
                let bytes = Array(p.strings[f.systemName].utf8)
                let name = NameSimplifier.simplify(bytes, mode)
                let id = name == bytes ? f.systemName : name.withUnsafeBytes { p.strings.intern(bytes: $0) }
                simplified[f.systemName] = id
                f.name = id
            }
            p.functions[i] = f
        }
        return p
    }
}

/// pprof's heuristics on names that were demangled before they were stored.
enum NameSimplifier {
    static func simplify(_ name: [UInt8], _ mode: DemangleMode) -> [UInt8] {
        guard looksLikeDemangledCPlusPlus(name) else { return name }
        var n = name
        if mode.removesParameters { n = removeMatching(n, UInt8(ascii: "("), UInt8(ascii: ")")) }
        if mode.removesTemplates { n = removeMatching(n, UInt8(ascii: "<"), UInt8(ascii: ">")) }
        return n
    }

    static func looksLikeDemangledCPlusPlus(_ name: [UInt8]) -> Bool {
        if contains(name, ".<") || contains(name, "]).") { return false }
        return name.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }
            || contains(name, "::")
    }

    /// `name` without its outermost `open…close` groups (nested ones go with
    /// them). A `close` with no `open` before it returns what is left as is,
    /// as pprof's `removeMatching` does; an unclosed `open` is kept.
    static func removeMatching(_ name: [UInt8], _ open: UInt8, _ close: UInt8) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.count)
        var nesting = 0
        var groupStart = 0  // index in `out` where the open group began
        for (i, b) in name.enumerated() {
            if b == open {
                nesting += 1
                if nesting == 1 { groupStart = out.count }
            } else if b == close {
                nesting -= 1
                if nesting < 0 {
                    // Mismatch: pprof returns the name as edited so far.
                    out.append(contentsOf: name[i...])
                    return out
                }
                if nesting == 0 {
                    out.removeSubrange(groupStart...)
                    continue
                }
            }
            out.append(b)
        }
        return out
    }

    private static func contains(_ hay: [UInt8], _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard hay.count >= n else { return false }
        let p = needle.utf8Start
        var i = 0
        while i + n <= hay.count {
            var k = 0
            while k < n && hay[i + k] == p[k] { k += 1 }
            if k == n { return true }
            i += 1
        }
        return false
    }
}
