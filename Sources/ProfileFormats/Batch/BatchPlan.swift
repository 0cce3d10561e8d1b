import ProfileCore

/// One input of a batch and where its output goes.
public struct BatchItem: Sendable {
    /// The input's path relative to the input directory (`sub/cpu.pb.gz`).
    public var relativeInput: String
    /// The output's path relative to the output directory (`sub/cpu.folded`).
    public var relativeOutput: String
    public var input: String
    public var output: String
    /// Why this item cannot be converted before even reading it (two inputs
    /// that would write the same output), or nil.
    public var conflict: String?
}

/// What a batch will read and write: the input directory's files, filtered
/// by `--include`/`--exclude`, each paired with its place in the mirrored
/// output tree.
public struct BatchPlan: Sendable {
    public var inputDirectory: String
    public var outputDirectory: String
    public var items: [BatchItem]

    /// Plans a batch. `outputExtension` is the target's file ending without
    /// the dot (`folded`, `pb.gz`). The output directory is never walked,
    /// even when it lies inside the input directory.
    public init(inputDirectory: String, outputDirectory: String, outputExtension: String,
                recursive: Bool, include: [String] = [], exclude: [String] = []) throws {
        self.inputDirectory = inputDirectory
        self.outputDirectory = outputDirectory
        guard let inputID = FileIdentity(path: inputDirectory) else {
            throw ProfileError("no such directory", file: inputDirectory)
        }
        let excluded = FileIdentity(path: outputDirectory).map { [$0] } ?? []
        // A non-recursive walk never enters the output directory anyway; a
        // recursive one must not, or a second run would convert the outputs.
        let walk = DirectoryWalk(root: inputDirectory, recursive: recursive,
                                 excluding: excluded.filter { $0 != inputID })
        var items: [BatchItem] = []
        var claimed: [String: String] = [:]  // output → the input that claimed it
        for relative in try walk.files() {
            if BatchPlan.isAbandonedTempFile(relative) { continue }
            if !include.isEmpty && !include.contains(where: { Glob.matches($0, relative) }) { continue }
            if exclude.contains(where: { Glob.matches($0, relative) }) { continue }
            let relativeOutput = BatchPlan.outputName(for: relative, extension: outputExtension)
            var item = BatchItem(
                relativeInput: relative, relativeOutput: relativeOutput,
                input: BatchPlan.join(inputDirectory, relative), output: BatchPlan.join(outputDirectory, relativeOutput))
            if let first = claimed[relativeOutput] {
                item.conflict = "its output \(relativeOutput) is already the output of \(first)"
            } else {
                claimed[relativeOutput] = relative
            }
            items.append(item)
        }
        self.items = items
    }

    /// `sub/cpu.pb.gz` → `sub/cpu.<ext>`: drops `.gz`, then the longest known
    /// profile ending (any registered format's extension, or `.txt`), then
    /// appends the target's extension. Unknown endings are kept
    /// (`trace.out` → `trace.out.folded`), so distinct inputs rarely collide.
    public static func outputName(for relative: String, extension ext: String) -> String {
        var name = relative
        let lower = relative.lowercased()
        var strip = 0
        if lower.hasSuffix(".gz") { strip = 3 }
        let rest = lower.dropLast(strip)
        var longest = rest.hasSuffix(".txt") ? 3 : 0
        for format in FormatRegistry.all {
            for known in format.extensions {
                let e = known.hasSuffix(".gz") ? String(known.dropLast(3)) : known
                if rest.hasSuffix("." + e) { longest = max(longest, e.count) }
            }
        }
        if longest > 0 { strip += longest + 1 }
        let base = lastComponentStart(name)
        // Never strip the whole file name (`.txt` alone stays `.txt.folded`).
        if name.utf8.count - strip > base { name = String(decoding: name.utf8.dropLast(strip), as: UTF8.self) }
        return name + "." + ext
    }

    private static func lastComponentStart(_ path: String) -> Int {
        var start = 0
        for (i, b) in path.utf8.enumerated() where b == UInt8(ascii: "/") { start = i + 1 }
        return start
    }

    /// `.name.profconv-XXXXXX`: an output being written by another run, or
    /// left by one that was killed with SIGKILL.
    static func isAbandonedTempFile(_ relative: String) -> Bool {
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        guard name.hasPrefix("."), let marker = name.firstRange(of: Files.Output.tempMarker) else { return false }
        return name[marker.upperBound...].count == 6
    }

    static func join(_ dir: String, _ relative: String) -> String {
        dir.hasSuffix("/") ? dir + relative : dir + "/" + relative
    }
}
