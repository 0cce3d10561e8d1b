import ArgumentParser
import ProfileFormats

/// The readers' own options (``ProfileReader/userOptions``), offered as
/// `--NAME [VALUE]`. They come from the registry, so ArgumentParser, whose
/// options are declared in code, cannot declare them: before parsing they
/// are rewritten to a hidden `--reader-option NAME[=VALUE]` that
/// ``ReadingOptions`` applies, and `--help` lists them in a group per
/// reader, titled by the format. A new reader's options need no line here.
enum ReaderArguments {
    /// The hidden option every reader option becomes.
    static let carrier = "--reader-option"

    /// Every reader option with its reader, by name.
    static var options: [String: (reader: any ProfileReader.Type, option: ReaderOption)] {
        var byName: [String: (any ProfileReader.Type, ReaderOption)] = [:]
        for r in FormatRegistry.readers {
            for o in r.userOptions { byName[o.name] = (r, o) }
        }
        return byName
    }

    /// `arguments` (without the program name) with each reader option of a
    /// command that reads (`readsInputs`) rewritten for the carrier; any
    /// other command is left to refuse them as the parser does. An option
    /// the command declares itself (`ownOptions`, asked only when a reader
    /// option's name appears: `leaks --all` is not perf's `--all`) stays the command's.
    static func translate(_ arguments: [String], readsInputs: (String) -> Bool,
                          ownOptions: (String) -> Set<String> = { _ in [] }) -> [String] {
        guard let command = arguments.first, readsInputs(command) else { return arguments }
        var known = options
        var checkedOwn = false
        var out: [String] = []
        var rest = arguments[...]
        while let arg = rest.popFirst() {
            if arg == "--" { out.append(arg); out += rest; break }
            guard arg.hasPrefix("--") else { out.append(arg); continue }
            let parts = arg.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if !checkedOwn, known[String(parts[0])] != nil {
                for name in ownOptions(command) { known[name] = nil }
                checkedOwn = true
            }
            guard let (_, option) = known[String(parts[0])] else { out.append(arg); continue }
            var value: String?
            if parts.count > 1 {
                value = String(parts[1])
            } else if option.valueName != nil, let next = rest.first, !next.hasPrefix("-") {
                // As the parser does, an option is no value: `--heap-default --cum` lacks one.
                value = next
                rest = rest.dropFirst()
            }
            out += [carrier, value.map { "\(option.name)=\($0)" } ?? option.name]
        }
        return out
    }

    /// Sets the carried options `given` (`NAME` or `NAME=VALUE`) in `options`.
    static func apply(_ given: [String], to options: inout ReadOptions) throws {
        let known = parsed(given)
        for (reader, option, value) in known {
            if option.valueName != nil && value == nil {
                throw ValidationError("--\(option.name) needs a value (\(option.valueName ?? "value"))")
            }
            if option.valueName == nil && value != nil {
                throw ValidationError("--\(option.name) is a flag and takes no value")
            }
            try option.set(in: &options, value: value ?? "", of: reader)
        }
    }

    private static func parsed(_ given: [String]) -> [(any ProfileReader.Type, ReaderOption, String?)] {
        let known = options
        return given.compactMap { g in
            let parts = g.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let (reader, option) = known[String(parts[0])] else { return nil }
            return (reader, option, parts.count > 1 ? String(parts[1]) : nil)
        }
    }

    /// The groups `--help` adds for commands that read: one per reader with
    /// options, titled by the format, in ArgumentParser's layout.
    static var help: String {
        var text = ""
        for r in FormatRegistry.readers where !r.userOptions.isEmpty {
            text += "\n\(r.name.uppercased()) INPUT:\n"
            for o in r.userOptions {
                let label = "  --\(o.name)" + (o.valueName.map { " <\($0)>" } ?? "")
                text += HelpLayout.entry(label, o.help)
            }
        }
        return text
    }
}

/// ArgumentParser's two columns: a label, and help wrapped beside it.
enum HelpLayout {
    static let helpColumn = 26
    static let width = 80

    static func entry(_ label: String, _ help: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in help.split(separator: " ") {
            if !line.isEmpty && helpColumn + line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        let pad = String(repeating: " ", count: helpColumn)
        var out = label.count + 2 <= helpColumn ? label.padding(helpColumn) : label + "\n" + pad
        out += lines.joined(separator: "\n" + pad) + "\n"
        return out
    }
}
