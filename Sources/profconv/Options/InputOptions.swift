import ArgumentParser
import ProfileCore
import ProfileFormats

/// The inputs of a command that reads profiles. How to read them is a group
/// of its own (``ReadingOptions``) beside this one in each command, not
/// inside it: ArgumentParser's debug builds check every nested group on
/// every parse, at a cost that multiplies with each level (five times the
/// CLI tests' time at two levels).
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Profile files, http(s):// URLs of /debug/pprof endpoints, or - for standard input. Several inputs are merged.",
        valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name at least one input file, URL, or - for standard input") }
    }

    /// The inputs, less a leading ELF file given pprof's way (`top BINARY PROFILE`).
    var sources: [ProfileSource] { ProfileLoader.splittingBinary(inputs).inputs.map(ProfileSource.init) }

    /// The input stage `reading` describes, with the leading binary if there is one.
    func loader(_ reading: ReadingOptions) throws -> ProfileLoader {
        let binary = ProfileLoader.splittingBinary(inputs).binary
        return try reading.loader(binaries: binary.map { [$0] } ?? [])
    }
}

/// How inputs are read, shared by every command that reads (`batch` too).
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "The input format, when sniffing the content is not enough (see `profconv formats`).")
    var from: String?

    @Option(name: [.customLong("max-input-size"), .customLong("max-inflated-size")], help: ArgumentHelp(
        "The largest an input may be, read or inflated from gzip (alias --max-inflated-size).", valueName: "bytes"))
    var maxInflatedSize: Int = ReadOptions().maxInflatedBytes

    @Option(name: .long, help: ArgumentHelp(
        "The most a gzip input may expand (inflated bytes per compressed byte) past its first 64 MiB; 0 for any.",
        valueName: "ratio"))
    var maxGzipRatio: Int = ReadOptions().maxInflationRatio

    @Option(name: .long, help: ArgumentHelp("The most frames one sample may have.", valueName: "frames"))
    var maxStackDepth: Int = ReadOptions().maxStackDepth

    @Option(name: .long, help: ArgumentHelp("The longest name (frame, file, label) an input may hold.", valueName: "bytes"))
    var maxStringLength: Int = ReadOptions().maxStringLength

    @Option(name: .customLong("binary"), help: ArgumentHelp(
        "An ELF executable or library that names the profile's unnamed addresses (Go pclntab or ELF symbols); repeatable.",
        valueName: "path"))
    var binaries: [String] = []

    // `--seconds` and `--timeout` are declared here, not in a group of
    // their own: ArgumentParser's debug builds check every nested group on
    // every parse, which made a CLI test cost 0.25 s where 0.05 s would do.
    @Option(name: .long, help: ArgumentHelp(
        "For URL inputs: the profile's duration, set as the URL's seconds=N (as go tool pprof -seconds does).",
        valueName: "n"))
    var seconds: Int?

    @Option(name: .long, help: ArgumentHelp(
        "For URL inputs: give up after this many seconds (default: the duration plus half of it, at least 10 s more; else 60).",
        valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .long, help: "For URL inputs: follow a redirect to another host or port (by default refused).")
    var followRedirectsAnywhere = false

    /// How URL inputs are fetched.
    var remote: RemoteRequest.Settings {
        var s = RemoteRequest.Settings(seconds: seconds, timeout: timeout)
        s.followRedirectsAnywhere = followRedirectsAnywhere
        return s
    }

    /// The readers' own options, as ``ReaderArguments`` carries them.
    @Option(name: .customLong("reader-option"), help: .hidden)
    var readerOptions: [String] = []

    func validate() throws {
        if let from {
            guard let f = FormatRegistry.format(named: from) else {
                throw ValidationError("unknown input format '\(from)'; `profconv formats` lists them")
            }
            guard f.canRead else { throw ValidationError("profconv writes \(f.name) but cannot read it") }
        }
        if maxInflatedSize < 1 || maxStackDepth < 1 || maxStringLength < 1 {
            throw ValidationError("--max-input-size, --max-stack-depth and --max-string-length must be at least 1")
        }
        if maxGzipRatio < 0 { throw ValidationError("--max-gzip-ratio must be 0 (any) or more") }
        if let timeout, !(timeout.isFinite && timeout > 0) {
            throw ValidationError("--timeout takes a number of seconds above 0, not \(timeout)")
        }
        if let seconds, seconds < 1 { throw ValidationError("--seconds takes a whole number of seconds from 1") }
    }

    func readOptions() throws -> ReadOptions {
        var o = ReadOptions()
        o.maxInflatedBytes = maxInflatedSize
        o.maxInflationRatio = maxGzipRatio
        o.maxStackDepth = maxStackDepth
        o.maxStringLength = maxStringLength
        try ReaderArguments.apply(readerOptions, to: &o)
        return o
    }

    /// The input stage these options describe; the `--binary` files (and
    /// `binaries`) are read here, once.
    func loader(binaries more: [String] = []) throws -> ProfileLoader {
        let fetcher = RemoteProfile.fetcher(remote)
        var loader = ProfileLoader(format: from.flatMap(FormatRegistry.reader(named:)), options: try readOptions(),
                                   fetch: { try fetcher.fetch($0, limits: $1) })
        try loader.loadBinaries(more + binaries)
        return loader
    }
}
