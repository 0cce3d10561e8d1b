/// Names DTrace frames as inferno-collapse-dtrace does (its
/// `on_stack_line`, after stackcollapse.pl): the offset after the last `+`
/// goes (all of them stay with `--includeoffset`, but the leaf's), a C++
/// name loses its arguments and template arguments after the first `::`
/// (stackcollapse.pl's `s/(::.*)[(<].*/$1/`), an empty frame is `-`,
/// half-demangled Rust names are demangled, `;` becomes `:`, and Java's
/// `a->b` is `a` calling `b_[i]`, leading `L`s dropped.
struct DTraceFrameNamer {
    let includeOffset: Bool
    private var name: [UInt8] = []
    private var pieces: [[UInt8]] = []
    /// With `--includeoffset`, the stack's leafmost frame waits for its
    /// offset to be cut (inferno cuts it when the stack ends): its bytes.
    private var leaf: [UInt8]?
    private var leafPending = false
    /// When set, the frames named go here (leaf first) instead of into the
    /// chunk's sample, for a `FrameLineCache` (offsets kept never are).
    var collected: [Int32]?

    init(includeOffset: Bool) { self.includeOffset = includeOffset }

    var hasPendingLeaf: Bool { leafPending }

    mutating func addFrames(of line: UnsafeRawBufferPointer, to chunk: inout StackChunk) {
        var hasInlines = includeOffset, couldBeCPP = includeOffset, hasSemicolon = includeOffset
        var end = line.count
        if !includeOffset {
            var lastPlus = line.count
            for i in 0..<line.count {
                switch line[i] {
                case UInt8(ascii: ">") where i > 0 && line[i - 1] == UInt8(ascii: "-"): hasInlines = true
                case UInt8(ascii: ":") where i > 0 && line[i - 1] == UInt8(ascii: ":"): couldBeCPP = true
                case UInt8(ascii: ";"): hasSemicolon = true
                case UInt8(ascii: "+"): lastPlus = i
                default: break
                }
            }
            end = lastPlus
        }
        name.removeAll(keepingCapacity: true)
        name += line[0..<end]
        if couldBeCPP { uncpp() }
        if name.isEmpty {
            name.append(UInt8(ascii: "-"))
        } else {
            fixRust()
        }
        if hasInlines {
            pieces.removeAll(keepingCapacity: true)
            var start = 0, i = 0
            while i < name.count {
                if i + 1 < name.count && name[i] == UInt8(ascii: "-") && name[i + 1] == UInt8(ascii: ">") {
                    pieces.append(Array(name[start..<i])); start = i + 2; i += 2
                } else { i += 1 }
            }
            pieces.append(Array(name[start...]))
            for k in pieces.indices {
                var p = pieces[k]
                var l = 0
                while l < p.count && p[l] == UInt8(ascii: "L") { l += 1 }
                p.removeFirst(l)
                if hasSemicolon { Self.semicolonsToColons(&p) }
                if k > 0 { p += "_[i]".utf8 }
                pieces[k] = p
            }
            // Leaf first: the last piece is the innermost.
            for k in pieces.indices.reversed() { add(pieces[k], to: &chunk) }
        } else {
            if hasSemicolon { Self.semicolonsToColons(&name) }
            add(name, to: &chunk)
        }
    }

    private mutating func add(_ frame: [UInt8], to chunk: inout StackChunk) {
        if includeOffset && !chunk.hasPendingFrames && !leafPending {
            leaf = frame
            leafPending = true
            return
        }
        if leafPending { flushLeaf(into: &chunk) }
        let id = frame.withUnsafeBytes { chunk.id($0) }
        if collected != nil { collected!.append(id) } else { chunk.appendRootward(id) }
    }

    /// The leaf, its offset cut.
    private mutating func flushLeaf(into chunk: inout StackChunk) {
        guard leafPending, var l = leaf else { return }
        if let plus = l.lastIndex(of: UInt8(ascii: "+")) { l.removeSubrange(plus...) }
        l.withUnsafeBytes { chunk.appendRootward(chunk.id($0)) }
        leafPending = false
        leaf = nil
    }

    /// Ends the stack: a leaf still waiting goes in.
    mutating func finishStack(into chunk: inout StackChunk) { flushLeaf(into: &chunk) }

    /// `s/(::.*)[(<].*/$1/`: after the first `::`, cut at the last `(` or `<`.
    private mutating func uncpp() {
        guard let scope = (0..<max(0, name.count - 1)).first(where: { name[$0] == 0x3A && name[$0 + 1] == 0x3A }) else { return }
        var i = name.count - 1
        while i >= scope + 2 {
            if name[i] == UInt8(ascii: "(") || name[i] == UInt8(ascii: "<") {
                name.removeSubrange(i...)
                return
            }
            i -= 1
        }
    }

    /// inferno's `fix_rust_symbol`: the function after the backquote demangled
    /// when perf-style half-demangled, the offset kept with `--includeoffset`.
    private mutating func fixRust() {
        guard let tick = name.firstIndex(of: UInt8(ascii: "`")) else { return }
        var function = Array(name[(tick + 1)...])
        var offset: [UInt8] = []
        if includeOffset, let plus = function.lastIndex(of: UInt8(ascii: "+")) {
            offset = Array(function[plus...])
            function.removeSubrange(plus...)
        }
        while let last = function.last, FrameText.isSpace(last) { function.removeLast() }
        guard let fixed = function.withUnsafeBytes({ RustSymbol.fixedBytes($0) }) else { return }
        name.removeSubrange((tick + 1)...)
        name += fixed
        name += offset
    }

    private static func semicolonsToColons(_ p: inout [UInt8]) {
        for i in p.indices where p[i] == UInt8(ascii: ";") { p[i] = UInt8(ascii: ":") }
    }
}
