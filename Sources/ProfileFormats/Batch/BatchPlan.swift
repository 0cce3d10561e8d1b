import ProfileCore

/// One input of a batch and where its output goes. The paths are kept as
/// the file system's bytes too (``inputPath``, ``outputPath``), which need
/// not be UTF-8; the strings are what messages and reports show.
public struct BatchItem: Sendable {
    /// The input's path relative to the input directory (`sub/cpu.pb.gz`),
    /// as shown (see ``RawPath/display``).
    public var relativeInput: String
    /// The output's path relative to the output directory (`sub/cpu.folded`), as shown.
    public var relativeOutput: String
    /// The input's path: the input directory joined with ``relativeInput``, as shown.
    public var input: String
    /// The output's path: the output directory joined with ``relativeOutput``, as shown.
    public var output: String
    /// The input's path, as bytes.
    public var inputPath: RawPath
    /// The output's path, as bytes.
    public var outputPath: RawPath
    /// Why this item cannot be converted before even reading it (two inputs
    /// that would write the same output), or nil.
    public var conflict: String?
}

/// What a batch will read and write: the input directory's files, filtered
/// by `--include`/`--exclude`, each paired with its place in the mirrored
/// output tree.
public struct BatchPlan: Sendable {
    /// The directory the inputs were found in.
    public var inputDirectory: String
    /// The directory the outputs mirror it in.
    public var outputDirectory: String
    /// The inputs to convert, in the walk's order (by relative path, bytewise).
    public var items: [BatchItem]

    /// Plans a batch. `outputExtension` is the target's file ending without
    /// the dot (`folded`, `pb.gz`). `reservedOutputs` are relative output
    /// paths the batch writes itself (`index.html`): an input whose mirrored
    /// name is one becomes `<name>.profile.<ext>` instead. The output
    /// directory is never walked, even when it lies inside the input directory.
    public init(inputDirectory: String, outputDirectory: String, outputExtension: String,
                recursive: Bool, include: [String] = [], exclude: [String] = [],
                reservedOutputs: Set<String> = []) throws {
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
        for path in try walk.files() {
            let relative = path.display
            if BatchPlan.isAbandonedTempFile(relative) { continue }
            if !include.isEmpty && !include.contains(where: { Glob.matches($0, relative) }) { continue }
            if exclude.contains(where: { Glob.matches($0, relative) }) { continue }
            var relativeOutput = BatchPlan.outputName(for: relative, extension: outputExtension)
            if reservedOutputs.contains(relativeOutput) {
                relativeOutput = String(relativeOutput.dropLast(outputExtension.utf8.count + 1)) + ".profile." + outputExtension
            }
            // The endings dropped and added are ASCII, so the output's bytes
            // are the input's, less as many final bytes, plus the extension.
            let kept = relativeOutput.utf8.count - outputExtension.utf8.count - 1
            let outputBytes = path.string != nil ? RawPath(relativeOutput)
                : RawPath(path.bytes.dropLast(relative.utf8.count - kept) + Array(("." + outputExtension).utf8))
            var item = BatchItem(
                relativeInput: relative, relativeOutput: relativeOutput,
                input: BatchPlan.join(inputDirectory, relative), output: BatchPlan.join(outputDirectory, relativeOutput),
                inputPath: RawPath(inputDirectory).appending(path), outputPath: RawPath(outputDirectory).appending(outputBytes))
            if let first = claimed[relativeOutput] {
                item.conflict = "its output \(relativeOutput) is already the output of \(first)"
            } else {
                claimed[relativeOutput] = relative
            }
            items.append(item)
        }
        self.items = items
    }

    /// `sub/cpu.pb.gz` → `sub/cpu.<ext>`: drops `.gz`, then one final
    /// `.txt` or one-word ending of a registered format (`.pb`, `.folded`),
    /// then appends the target's extension. Only one word goes, so
    /// `goroutine.debug1.txt` and `goroutine.debug2.txt` keep apart, and
    /// unknown endings stay (`trace.out` → `trace.out.folded`).
    public static func outputName(for relative: String, extension ext: String) -> String {
        var name = Substring(relative)
        if name.lowercased().hasSuffix(".gz") { name = name.dropLast(3) }
        let base = relative.index(relative.startIndex, offsetBy: lastComponentStart(relative))
        if let dot = name.lastIndex(of: "."), dot > base {  // never the whole name (`.txt`)
            let ending = name[name.index(after: dot)...].lowercased()
            if ending == "txt" || knownEndings.contains(ending) { name = name[..<dot] }
        }
        return name + "." + ext
    }

    /// One-word endings of the registered formats, without `.gz`: `pb`, `folded`, ….
    static var knownEndings: Set<String> {
        var endings = Set<String>()
        for format in FormatRegistry.all {
            for e in format.extensions {
                let word = e.hasSuffix(".gz") ? String(e.dropLast(3)) : e
                if !word.contains(".") { endings.insert(word) }
            }
        }
        return endings
    }

    private static func lastComponentStart(_ path: String) -> Int {
        var start = 0
        for (i, b) in path.utf8.enumerated() where b == UInt8(ascii: "/") { start = i + 1 }
        return start
    }

    /// A temp file of profconv's: an output being written by another run,
    /// or left by one that was killed.
    static func isAbandonedTempFile(_ relative: String) -> Bool {
        TempFile.isTempName(relative.split(separator: "/").last.map(String.init) ?? relative)
    }

    static func join(_ dir: String, _ relative: String) -> String {
        dir.hasSuffix("/") ? dir + relative : dir + "/" + relative
    }
}
