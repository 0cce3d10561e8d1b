import ArgumentParser
import ProfileCore
import ProfileFormats

/// Input selection shared by every command that reads profiles.
struct InputOptions: ParsableArguments {
    @Argument(help: "Profile files, http(s):// URLs of /debug/pprof endpoints, or - for standard input. Several inputs are merged.")
    var inputs: [String]

    @Option(name: .long, help: "The input format, when sniffing the content is not enough (see `profconv formats`).")
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The largest size a gzip input may inflate to.", valueName: "bytes"))
    var maxInflatedSize: Int = ReadOptions().maxInflatedBytes

    @OptionGroup var remote: RemoteOptions
    @OptionGroup var goText: GoTextInputOptions

    @Option(name: .long, help: ArgumentHelp("The most frames one sample may have.", valueName: "frames"))
    var maxStackDepth: Int = ReadOptions().maxStackDepth

    @Option(name: .long, help: ArgumentHelp("The longest name (frame, file, label) an input may hold.", valueName: "bytes"))
    var maxStringLength: Int = ReadOptions().maxStringLength

    func validate() throws {
        if let from, FormatRegistry.format(named: from) == nil {
            throw ValidationError("unknown input format '\(from)'; `profconv formats` lists them")
        }
        if inputs.isEmpty { throw ValidationError("name at least one input file (or - for standard input)") }
    }

    var readOptions: ReadOptions {
        var o = ReadOptions()
        o.maxInflatedBytes = maxInflatedSize
        goText.apply(to: &o)
        o.maxStackDepth = maxStackDepth
        o.maxStringLength = maxStringLength
        return o
    }

    /// Reads every input and merges them into one profile.
    func load() throws -> Profile {
        let format = from.flatMap(FormatRegistry.format(named:))
        var profiles: [Profile] = []
        for path in inputs {
            let decoded = try Loader.read(path, format: format, options: readOptions, remote: remote.settings)
            profiles.append(decoded.profile)
        }
        do {
            return try Profile.merge(profiles)
        } catch {
            throw error.inFile(inputs.joined(separator: ", "))
        }
    }
}

/// The sample type to show.
struct SampleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The sample type to use, by name (inuse_space, delay, …) or number; the default is the profile's default (else its last).",
        valueName: "name|n"))
    var sampleIndex: String?
}

enum Loader {
    /// Reads one input (a file, `-`, or an http(s) URL), printing its
    /// warnings to standard error.
    static func read(_ path: String, format: (any ProfileFormat.Type)?, options: ReadOptions,
                     remote: RemoteProfile.Settings = .init()) throws -> FormatRegistry.Decoded {
        let name = path == "-" ? "<stdin>" : path
        do {
            let bytes = RemoteProfile.isURL(path) ? try RemoteProfile.fetch(path, remote) : try Files.read(path)
            let decoded = try FormatRegistry.read(bytes, format: format, options: options, pathHint: path == "-" ? nil : path)
            for w in decoded.warnings.messages { Console.warn("\(name): \(w)") }
            return decoded
        } catch let error as ProfileError {
            throw error.inFile(name)
        }
    }
}
