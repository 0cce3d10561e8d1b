import ProfileCore

/// Input → transform → write → output: the one path every command takes,
/// as `go tool pprof`'s driver fetches, filters and then reports.
///
/// ```swift
/// var pipeline = Pipeline(format: FormatRegistry.writer(named: "flamegraph")!)
/// pipeline.transform.names.hide = try NamePattern("^runtime\\.")
/// try pipeline.run([ProfileSource("cpu.pb.gz")], to: ProfileOutput(path: "cpu.svg"))
/// ```
public struct Pipeline {
    /// The read stage.
    public var loader: ProfileLoader
    /// The transform stage: sample index, filters, granularity, diff base.
    public var transform: ProfileTransform
    /// The writer.
    public var format: any ProfileWriter.Type
    /// The writer's options (``WriteOptions/sampleIndex`` and
    /// ``WriteOptions/context`` are set by the pipeline from the transform).
    public var writeOptions: WriteOptions
    /// Whether a diff of two goroutine profiles keeps Go's runtime frames.
    /// By default they are hidden, as Go's debug=1 text hides them, so each
    /// stack ends in the function its goroutines wait in, not in `runtime.gopark`.
    public var keepsGoRuntimeFrames = false

    /// A pipeline writing `format`.
    public init(loader: ProfileLoader = ProfileLoader(), transform: ProfileTransform = ProfileTransform(),
                format: any ProfileWriter.Type, writeOptions: WriteOptions = WriteOptions()) {
        self.loader = loader
        self.transform = transform
        self.format = format
        self.writeOptions = writeOptions
    }

    /// Reads `sources` (merged) and, for a diff, `base`; transforms them;
    /// writes the result to `output`. Returns the warnings and notes of
    /// every stage, for the caller to show.
    @discardableResult
    public func run(_ sources: [ProfileSource], base: [ProfileSource] = [], to output: ProfileOutput) throws -> [Message] {
        var loader = self.loader
        if mergesSamplesWhileReading(withBase: !base.isEmpty) { loader.options.mergeSamplesByStack = true }
        let input = try loader.load(sources)
        let old = base.isEmpty ? nil : try loader.load(base)
        let prepared = try prepare(input, base: old)
        let written = try output.write(prepared.profile, as: format, options: prepared.options)
        try ProfileOutput.finish(prepared.options)
        let read = input.warnings + (old?.warnings ?? [])
        return read.map { .warning($0.description) } + prepared.messages + written.map { .warning($0.description) }
    }

    /// Whether readers may merge samples that share a stack as they decode
    /// them (``ReadOptions/mergeSamplesByStack``), which bounds memory by
    /// the distinct stacks: when the writer sees only stacks and no
    /// transform step (a filter, a label option) or diff tells samples apart.
    public func mergesSamplesWhileReading(withBase: Bool) -> Bool {
        !withBase && !transform.tellsSamplesApart && format.writesMergedStacksOnly(writeOptions)
    }

    /// What the stages have to tell the user.
    public enum Message: Equatable, Sendable {
        /// Something may be wrong: a filter matched nothing, a line was skipped.
        case warning(String)
        /// Something was done that the user did not ask for, and why.
        case note(String)
    }

    /// A profile ready for the writer, with the options that describe it.
    public struct Prepared {
        /// The transformed profile.
        public var profile: Profile
        /// The write options, their context filled from the transform.
        public var options: WriteOptions
        /// The transform stage's warnings and notes (the inputs' own
        /// warnings stay with the inputs).
        public var messages: [Message]
    }

    /// The transform stage, and the form the writer gets the result in: a
    /// diff becomes two columns for writers that draw differences, else
    /// pprof's `-diff_base` profile.
    public func prepare(_ input: ProfileLoader.Loaded, base: ProfileLoader.Loaded? = nil) throws -> Prepared {
        var messages: [Message] = []
        var new = input.profile, old = base?.profile
        if let base, let note = DiffInputs.runtimeFramesDiffer(base.format, input.format)
            ?? DiffInputs.goroutineRuntimeHidden(base.profile, input.profile, keeping: keepsGoRuntimeFrames) {
            new = new.hidingGoRuntimeFrames()
            old = old?.hidingGoRuntimeFrames()
            messages.append(.note(note))
        }
        let t: TransformedProfile
        do {
            t = try transform.apply(to: new, base: old)
        } catch {
            throw error.inFile(input.sources.map(\.description).joined(separator: ", "))
        }
        messages += t.warnings.map(Message.warning)
        var options = writeOptions
        options.context.sources = input.sources.map(\.description)
        options.context.baseSources = base?.sources.map(\.description) ?? []
        options.context.inputFormat = input.format.name
        options.context.inputWasGzipped = input.wasGzipped
        options.context.unfilteredTotal = t.unfilteredTotal
        options.context.activeFilters = t.activeFilters
        options.context.granularity = t.granularity
        let profile: Profile
        if let twoColumn = format.drawsDifferences ? try t.twoColumn() : nil {
            profile = twoColumn
            options.sampleIndex = "1"
            options.context.diffBaseIndex = 0
        } else {
            profile = try t.delta()
            options.sampleIndex = profile.sampleTypes.isEmpty ? nil : String(t.sampleIndex)
        }
        return Prepared(profile: profile, options: options, messages: messages)
    }
}

/// When two forms of one profile, or two goroutine profiles, are compared.
public enum DiffInputs {
    /// Why runtime frames must be hidden on both sides of a diff, or nil.
    /// A format that shows the runtime's frames as Go's tracebacks do
    /// (``ProfileReader/showsGoTracebackFrames``) differs from every other
    /// form, so comparing it with one would show the difference of the
    /// forms, not of the programs.
    static func runtimeFramesDiffer(_ base: any ProfileReader.Type, _ new: any ProfileReader.Type) -> String? {
        guard base.name != new.name, base.showsGoTracebackFrames || new.showsGoTracebackFrames else { return nil }
        return "comparing \(base.name) with \(new.name): Go runtime frames hidden on both sides"
    }

    /// Why runtime frames are hidden in a diff of two goroutine profiles, or
    /// nil: every goroutine waits in `runtime.gopark`, so with them the flat
    /// change names the runtime, not the function the program waits in.
    public static func goroutineRuntimeHidden(_ base: Profile, _ new: Profile, keeping: Bool) -> String? {
        guard !keeping, base.isGoroutineProfile, new.isGoroutineProfile else { return nil }
        return "goroutine profiles: Go runtime frames hidden on both sides, as debug=1 hides them"
    }
}
