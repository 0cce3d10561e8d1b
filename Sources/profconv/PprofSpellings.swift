/// `go tool pprof`'s spellings of the options profconv shares with it
/// (`-sample_index=alloc_space`, `-nodecount=5`, `-cum`, `-diff_base`, …),
/// rewritten to profconv's before parsing, so habits carry over. They are
/// hidden aliases: the help shows profconv's names only, and an option the
/// command does not have is still refused by the parser.
enum PprofSpellings {
    /// pprof's name → profconv's arguments (the value, if any, follows).
    static let options: [String: [String]] = [
        "sample_index": ["--sample-index"], "nodecount": ["--nodecount"], "nodefraction": ["--nodefraction"],
        "edgefraction": ["--edgefraction"], "cum": ["--cum"],
        "focus": ["--focus"], "ignore": ["--ignore"], "hide": ["--hide"], "show": ["--show"],
        "show_from": ["--show-from"], "prune_from": ["--prune-from"], "tagfocus": ["--tagfocus"],
        "tagignore": ["--tagignore"], "tagshow": ["--tagshow"], "taghide": ["--taghide"],
        "tagleaf": ["--label-frames"], "tagroot": ["--label-root-frames"],
        // pprof's -base subtracts without labelling the base; profconv's diff
        // is -diff_base's, whose percentages are of the base.
        "diff_base": ["--diff-base"], "base": ["--diff-base"], "normalize": ["--normalize"],
        "seconds": ["--seconds"], "timeout": ["--timeout"], "output": ["--output"],
        "lines": ["--granularity", "lines"], "functions": ["--granularity", "functions"],
        "files": ["--granularity", "files"], "filefunctions": ["--granularity", "filefunctions"],
        "addresses": ["--granularity", "addresses"],
    ]

    /// `arguments` (without the program name) with pprof's spellings
    /// replaced. `-flat` (pprof's default order) goes away for `top`.
    static func translate(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var rest = arguments[...]
        while let arg = rest.popFirst() {
            if arg == "--" { out.append(arg); out += rest; break }
            guard let (name, value) = pprofOption(arg) else { out.append(arg); continue }
            if name == "flat" {
                if arguments.first == "top" { continue }
                out.append(arg)
                continue
            }
            guard let ours = options[name] else { out.append(arg); continue }
            out += ours
            if let value { out.append(value) }
        }
        return out
    }

    /// `-name`, `-name=value`, `--name_with_underscores[=value]`: pprof's
    /// name and value. profconv's own `--kebab-case` names pass through.
    private static func pprofOption(_ arg: String) -> (String, String?)? {
        guard arg.hasPrefix("-"), arg.count > 2 else { return nil }
        let body = arg.hasPrefix("--") ? arg.dropFirst(2) : arg.dropFirst()
        if arg.hasPrefix("--") && !body.contains("_") && !body.contains("=") { return nil }
        let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        guard name == "flat" || options[name] != nil else { return nil }
        // A double-dash name that is already profconv's (--focus) needs nothing.
        if arg.hasPrefix("--") && !name.contains("_") && parts.count == 1 { return nil }
        return (name, parts.count > 1 ? String(parts[1]) : nil)
    }
}

/// What to use instead of the `go tool pprof` options and commands profconv
/// has no spelling for: a usage error that names one says where to go.
enum PprofHabits {
    /// pprof's option or interactive command → what does its job here.
    static let instead: [String: String] = [
        "http": "profconv report FILE -o page.html writes pprof's web page offline: flame graph, top, call graph, source",
        "web": "profconv report FILE -o page.html writes the page; --to callgraph -o g.svg draws the graph",
        "list": "profconv top --focus REGEX --granularity lines lists a function's lines",
        "weblist": "profconv report FILE -o page.html shows the source lines of each function",
        "peek": "profconv top --focus REGEX --cum shows what calls and is called; the report page's graph view too",
        "svg": "profconv convert FILE --to callgraph -o g.svg (or flamegraph FILE -o f.svg)",
        "png": "profconv convert FILE --to dot | dot -Tpng > g.png",
        "pdf": "profconv convert FILE --to dot | dot -Tpdf > g.pdf",
        "raw": "profconv traces FILE prints every sample's stack, and info its header",
        "tree": "profconv traces FILE, or top --cum",
        "text": "profconv top FILE",
        "disasm": "nothing yet: profconv reads no machine code",
    ]

    /// A hint for `arguments` when one is a pprof habit: `-http`, `-list=f`,
    /// `--peek`, or a command word such as `web`.
    static func hint(for arguments: [String]) -> String? {
        for (i, arg) in arguments.enumerated() {
            var name = Substring(arg)
            if name.hasPrefix("-") {
                name = name.drop { $0 == "-" }
                name = name.prefix { $0 != "=" }
            } else if i > 0 {
                continue  // only the command word may be bare
            }
            if let use = instead[String(name)] { return "\(arg.hasPrefix("-") ? "-" + name : name) is go tool pprof's; here, \(use)" }
        }
        return nil
    }
}
