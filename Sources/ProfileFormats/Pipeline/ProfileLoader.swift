import ProfileCore

/// The input stage: reads sources, undoes gzip, finds each one's format
/// (or takes the one named), decodes it within the read limits, and
/// merges several into one profile, collecting every reader's warnings.
public struct ProfileLoader {
    /// `--from`: the format of every input; nil to sniff each one.
    public var format: (any ProfileFormat.Type)?
    public var options: ReadOptions
    /// How a URL source becomes bytes: by default the library's plain-HTTP
    /// ``RemoteFetcher``; the CLI adds `https://` and its settings.
    public var fetch: (String) throws -> [UInt8]

    public init(format: (any ProfileFormat.Type)? = nil, options: ReadOptions = ReadOptions(),
                fetch: @escaping (String) throws -> [UInt8] = { try RemoteFetcher().fetch($0) }) {
        self.format = format
        self.options = options
        self.fetch = fetch
    }

    /// One profile read from one source.
    public struct Loaded {
        public var profile: Profile
        /// The format of the (first) input.
        public var format: any ProfileFormat.Type
        public var sources: [ProfileSource]
        public var wasGzipped: Bool
        /// The readers' warnings, each starting with its source's name.
        public var warnings: [String]
    }

    /// Reads one source. Errors name the source.
    public func read(_ source: ProfileSource) throws -> Loaded {
        do {
            let bytes: [UInt8]
            switch source {
            case .file(let path): bytes = try Files.read(path)
            case .standardInput: bytes = try Files.read("-")
            case .url(let url): bytes = try fetch(url)
            }
            let d = try FormatRegistry.read(bytes, format: format, options: options)
            return Loaded(profile: d.profile, format: d.format, sources: [source], wasGzipped: d.wasGzipped,
                          warnings: d.warnings.messages.map { "\(source): \($0)" })
        } catch let error as ProfileError {
            throw error.inFile(source.description)
        }
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
