/// Names a `perf script` frame as inferno-collapse-perf (and
/// stackcollapse-perf.pl) name it: `[unknown]` symbols by their DSO's file
/// name, argument lists cut (but not Go's `pkg.(*T).M` nor C++'s
/// `(anonymous namespace)`), `;` made `:`, Java's `L` dropped in `java`
/// processes, Java's `a->b` inlined frames split with `_[i]`, and with the
/// options `_[k]` for kernel and `_[j]` for JIT frames. The name is built in
/// a buffer of the namer's own, so a frame costs no allocation.
struct PerfFrameNamer {
    let options: PerfScriptFormat.Options
    /// The name built last.
    private(set) var name: [UInt8] = []

    init(options: PerfScriptFormat.Options) {
        self.options = options
        name.reserveCapacity(256)
    }

    /// Builds in `name` the name of `function` (one piece of the symbol
    /// split at `->`), the `index`-th piece, of a frame in `module` at `address`.
    mutating func build(_ function: UnsafeRawBufferPointer, index: Int, module: UnsafeRawBufferPointer,
                        address: UnsafeRawBufferPointer, javaProcess: Bool) {
        name.removeAll(keepingCapacity: true)
        if function.elementsEqual("[unknown]".utf8) && !(module.elementsEqual("[unknown]".utf8) && !options.includeAddresses) {
            // The DSO's file name stands for an unknown symbol.
            name.append(UInt8(ascii: "["))
            if module.elementsEqual("[unknown]".utf8) {
                name += "unknown".utf8
            } else {
                var s = module.count
                while s > 0 && module[s - 1] != UInt8(ascii: "/") { s -= 1 }
                name += module[s...]
            }
            if options.includeAddresses {
                name += " <".utf8
                name += address
                name.append(UInt8(ascii: ">"))
            }
            name.append(UInt8(ascii: "]"))
        } else {
            name += function
        }
        tidyGeneric()
        if javaProcess && name.first == UInt8(ascii: "L") && name.contains(UInt8(ascii: "/")) { name.removeFirst() }
        if index > 0 {
            if !FrameText.contains(name, "_[i]") { name += "_[i]".utf8 }
        } else if options.annotateKernel && Self.isKernel(module) {
            name += "_[k]".utf8
        } else if options.annotateJIT && Self.isJIT(module) && !FrameText.contains(name, "_[j]") {
            name += "_[j]".utf8
        }
    }

    /// inferno's `tidy_generic`: `;` becomes `:`, and the name stops at the
    /// first `(` outside brackets that does not follow a `.` (Go's
    /// `pkg.(*T).M`) nor opens `(anonymous namespace)`.
    private mutating func tidyGeneric() {
        var depth = 0
        var lastDotNext = -1
        var cut = name.count
        for i in name.indices {
            switch name[i] {
            case UInt8(ascii: ";"): name[i] = UInt8(ascii: ":")
            case UInt8(ascii: "<"), UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: ">"), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "("):
                if depth == 0 && lastDotNext != i && !FrameText.has(name, "(anonymous namespace)", at: i) {
                    cut = i
                }
                depth += 1
            case UInt8(ascii: "."): lastDotNext = i + 1
            default: break
            }
            if cut < name.count { break }
        }
        if cut < name.count {
            // The `;` after the cut were not turned yet, and go with it.
            name.removeSubrange(cut...)
        }
    }

    /// inferno's `is_kernel`: `[kernel.kallsyms]`, a `.ko` module or a vmlinux file.
    static func isKernel(_ module: UnsafeRawBufferPointer) -> Bool {
        if module.elementsEqual("[unknown]".utf8) { return false }
        if module.first == UInt8(ascii: "[") { return true }
        let n = module.count
        if n >= 3 && FrameText.has(module, ".ko", at: n - 3) { return true }
        guard n >= 7 else { return false }
        var s = n - 7
        while s >= 0 && !FrameText.has(module, "vmlinux", at: s) { s -= 1 }
        guard s >= 0 else { return false }
        for b in module[s...] {
            let alnum = Digits.isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
            if !(alnum || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")) { return false }
        }
        return true
    }

    /// A perf map of a JIT (`/tmp/perf-PID.map`) or a jitdump DSO (`…/jitted-PID-N.so`).
    static func isJIT(_ module: UnsafeRawBufferPointer) -> Bool {
        let n = module.count
        if module.hasPrefix("/tmp/perf-") && n >= 4 && FrameText.has(module, ".map", at: n - 4) { return true }
        guard n >= 3, FrameText.has(module, ".so", at: n - 3) else { return false }
        for s in 0..<n where FrameText.has(module, "/jitted-", at: s) { return true }
        return false
    }
}
