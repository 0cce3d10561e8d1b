import ProfileCore

/// The input stage: reads sources, undoes gzip, finds each one's format
/// (or takes the one named), decodes it within the read limits, and
/// merges several into one profile, collecting every reader's warnings.
public struct ProfileLoader {
    /// `--from`: the format of every input; nil to sniff each one.
    public var format: (any ProfileReader.Type)?
    /// Options every reader gets.
    public var options: ReadOptions
    /// How a URL source becomes bytes: by default the library's plain-HTTP
    /// ``RemoteFetcher``; the CLI adds `https://` and its settings. The
    /// limits are every input's: the size cap, and the check of a stream's
    /// first MiB.
    public var fetch: (String, InputBytes.Limits) throws -> [UInt8]
    /// `--binary`: program files that name the addresses a profile leaves
    /// unnamed (``Symbolizer``); see ``loadBinaries(_:)``.
    public var binaries: [SymbolBinary] = []

    /// A loader; `fetch` turns a URL into bytes (by default over plain HTTP).
    public init(format: (any ProfileReader.Type)? = nil, options: ReadOptions = ReadOptions(),
                fetch: @escaping (String, InputBytes.Limits) throws -> [UInt8] = { try RemoteFetcher().fetch($0, limits: $1) }) {
        self.format = format
        self.options = options
        self.fetch = fetch
    }

    /// One profile read from one source.
    public struct Loaded {
        /// The profile, inputs merged when there were several.
        public var profile: Profile
        /// The format of the (first) input.
        public var format: any ProfileReader.Type
        /// The sources read, in order.
        public var sources: [ProfileSource]
        /// Whether the (first) input was gzip-compressed.
        public var wasGzipped: Bool
        /// The readers' warnings, each naming its source.
        public var warnings: [Warning]
    }

    /// Reads one source. Errors name the source.
    public func read(_ source: ProfileSource) throws -> Loaded {
        var loaded: Loaded
        do {
            // A large file is mapped, not copied into a buffer (see InputBytes).
            let bytes: InputBytes
            switch source {
            case .file(let path): bytes = try InputBytes(path: path, limits: inputLimits(pathHint: path))
            case .standardInput: bytes = try InputBytes(path: "-", limits: inputLimits(pathHint: nil))
            case .url(let url): bytes = InputBytes(try fetch(url, inputLimits(pathHint: nil)))
            }
            var options = self.options
            // Symbolizing needs the frames a debug=1 text leaves unnamed.
            if !binaries.isEmpty { options.keepsUnnamedFrames = true }
            var hint: String?
            if case .file(let path) = source { hint = path }  // the name breaks a tie between formats
            let d = try bytes.withUnsafeBytes {
                try FormatRegistry.read($0, format: format, options: options, pathHint: hint)
            }
            loaded = Loaded(profile: d.profile, format: d.format, sources: [source], wasGzipped: d.wasGzipped,
                            warnings: d.warnings.all.map { $0.from(source.description) })
        } catch var error as ProfileError {
            // A server's HTML answer is most likely the /debug/pprof/ index itself.
            if case .url(let url) = source, error.isUnrecognizedInput, error.message.hasPrefix(UnreadableInput.htmlPage) {
                let base = url.hasSuffix("/") ? url : url + "/"
                error.message = "the server answered with an HTML page, not a profile (the /debug/pprof/ index?); "
                    + "fetch a profile under it, e.g. \(base)goroutine?debug=1, \(base)heap or \(base)profile?seconds=30"
                error.place = .none
            }
            throw error.inFile(source.description)
        }
        // Symbolizer errors name the binary, which is what to change.
        if !binaries.isEmpty {
            let (symbolized, warnings) = try Symbolizer.symbolize(loaded.profile, binaries: binaries)
            loaded.profile = symbolized
            loaded.warnings += warnings.all
        }
        return loaded
    }

    /// The size cap of every input, and the check that stops a stream of
    /// no profile (`/dev/zero`, a pipe of noise) after its first MiB. A
    /// gzip stream is left to inflating, which checks its own start.
    private func inputLimits(pathHint: String?) -> InputBytes.Limits {
        let format = self.format, nameDecides = options.nameDecidesUndecidedInput
        return InputBytes.Limits(maxBytes: options.maxInflatedBytes) { prefix in
            if prefix.count >= 2 && prefix[0] == 0x1F && prefix[1] == 0x8B { return }
            try InflatedStart.check(prefix, format: format, pathHint: pathHint, nameDecides: nameDecides, gunzipped: false)
        }
    }

    /// Reads the `--binary` files, once for every input. Errors name the file.
    public mutating func loadBinaries(_ paths: [String]) throws {
        binaries = try paths.map { path in
            do {
                return try SymbolBinary(path: path, bytes: try Files.read(path))
            } catch let error as ProfileError {
                throw error.inFile(path)
            }
        }
    }

    /// `go tool pprof`'s form `pprof BINARY PROFILE…`: a first argument that
    /// is an ELF file, followed by at least one more, names the binary.
    public static func splittingBinary(_ arguments: [String]) -> (inputs: [String], binary: String?) {
        guard arguments.count > 1, let first = arguments.first, case .file(let path) = ProfileSource(first),
              let head = try? Files.readPrefix(path, count: 4), ELFFile.isELF(head) else { return (arguments, nil) }
        return (Array(arguments.dropFirst()), first)
    }

    /// Reads every source and merges them into one profile, as
    /// `go tool pprof a b` does.
    public func load(_ sources: [ProfileSource]) throws -> Loaded {
        guard let first = sources.first else { throw ProfileError("name at least one input") }
        var loaded = try read(first)
        guard sources.count > 1 else { return loaded }
        var profiles = [loaded.profile]
        for source in sources.dropFirst() {
            let next = try read(source)
            profiles.append(next.profile)
            loaded.warnings += next.warnings
        }
        do {
            loaded.profile = try Profile.merge(profiles)
        } catch {
            throw error.inFile(sources.map(\.description).joined(separator: ", "))
        }
        loaded.sources = sources
        return loaded
    }
}
