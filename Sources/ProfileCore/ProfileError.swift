/// An error in a profile, with where it was found.
///
/// Readers throw it with a byte offset or a line number; the CLI adds the file
/// name and prints it as one line: `FILE: MESSAGE (byte N)`.
public struct ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the input the error was found.
    public enum Place: Equatable, Sendable {
        /// Not known, or the error concerns the input as a whole.
        case none
        /// A byte offset into the input.
        case byte(Int)
        /// A line number, 1-based.
        case line(Int)
    }

    /// The input's path; set by the caller that opened the file, nil until then.
    public var file: String?
    /// The byte offset or line number of the error, if known.
    public var place: Place
    /// What is wrong, and where useful what to do about it.
    public var message: String
    /// What would get past this error (a setting to raise, another way to
    /// give the input), for a caller to say in its own terms: the CLI names
    /// its flag.
    public var hint: Hint?
    /// What to do, in the library's terms (a property, a call), printed
    /// after the message; a caller that knows ``hint`` may say it its way.
    public var remedy: String?
    /// Whether the input is no profile at all (empty, or of no format
    /// profconv knows) rather than a broken one: `batch` skips such files.
    public var isUnrecognizedInput = false

    /// An error with `message`, optionally at `place` in `file`.
    public init(_ message: String, file: String? = nil, place: Place = .none) {
        self.message = message
        self.file = file
        self.place = place
    }

    /// What gets past an error: mostly a property of the library that
    /// governs it. The library knows nothing of command-line flags; the CLI
    /// maps these to its own.
    public enum Hint: Equatable, Sendable {
        /// `ReadOptions.maxInflatedBytes`.
        case maxInflatedBytes
        /// `ReadOptions.maxInflationRatio`.
        case maxInflationRatio
        /// `ReadOptions.maxStackDepth`.
        case maxStackDepth
        /// `ReadOptions.maxStringLength`.
        case maxStringLength
        /// `RemoteRequest.timeout`: how long a server may take to answer.
        case timeout
        /// `RemoteRequest.Settings.followRedirectsAnywhere`: a redirect to another host.
        case redirect
        /// `SymbolBinary`: the program file that names a profile's addresses.
        case symbolBinary
        /// `LeakWatch.saveDirectory`: where watched snapshots are saved.
        case saveDirectory
        /// Reading two profiles as two inputs and merging them (`ProfileLoader.load`).
        case separateInputs
        /// A directory where a profile file was expected: converting its files (`BatchRunner`).
        case directory
        /// `ProfileOutput.forceTerminal`: binary output to a terminal.
        case forceTerminal
        /// `ProfileLoader.format`: naming the format of an input no reader recognised.
        case inputFormat
        /// `ProfileLoader.format` again, for an input that cannot be of the format it names.
        case namedFormat
    }

    /// The same error with `hint`, and what to do in the library's terms.
    public func hinting(_ hint: Hint, remedy: String) -> ProfileError {
        var e = self
        e.hint = hint
        e.remedy = remedy
        return e
    }

    /// An error at byte `offset` of a binary input.
    public static func atByte(_ offset: Int, _ message: String) -> ProfileError {
        ProfileError(message, place: .byte(offset))
    }

    /// An error at line `line` (1-based) of a text input.
    public static func atLine(_ line: Int, _ message: String) -> ProfileError {
        ProfileError(message, place: .line(line))
    }

    /// Errors are equal when they say the same thing at the same place.
    public static func == (a: ProfileError, b: ProfileError) -> Bool {
        a.file == b.file && a.place == b.place && a.message == b.message && a.hint == b.hint && a.remedy == b.remedy
    }

    /// The same error, attributed to `file` unless it already names one.
    public func inFile(_ file: String) -> ProfileError {
        var e = self
        if e.file == nil { e.file = file }
        return e
    }

    /// The one line to print: `FILE: MESSAGE; REMEDY (byte N)` or `(line N)`.
    public var description: String { description(remedy: remedy) }

    /// The line with `remedy` in place of the library's (the CLI's, naming a flag).
    public func description(remedy: String?) -> String {
        var s = ""
        if let file { s += "\(file): " }
        s += message
        if let remedy { s += "; " + remedy }
        switch place {
        case .none: break
        case .byte(let n): s += " (byte \(n))"
        case .line(let n): s += " (line \(n))"
        }
        return s
    }
}

/// One non-fatal finding, and what it concerns.
///
/// The source is kept apart from the message, so whoever shows a warning
/// decides how to name the source (a batch line already names its input)
/// instead of cutting a name off the front of a string.
public struct Warning: Sendable, Equatable, CustomStringConvertible {
    /// The input, output or program file the finding concerns; nil when the
    /// one who shows it knows (a reader's warning concerns what it read).
    public var source: String?
    /// What was found, as a sentence that does not start with the source.
    public var message: String

    /// A finding about `source` (nil: about whatever is being read).
    public init(_ message: String, source: String? = nil) {
        self.message = message
        self.source = source
    }

    /// `source: message`, or the message alone when there is no source.
    public var description: String { source.map { "\($0): \(message)" } ?? message }

    /// The warning as said of `source`: the message alone when it concerns
    /// `source` (or nothing named), else ``description``.
    public func described(relativeTo source: String) -> String {
        self.source == nil || self.source == source ? message : description
    }

    /// The same warning, attributed to `source` unless it already names one.
    public func from(_ source: String) -> Warning {
        var w = self
        if w.source == nil { w.source = source }
        return w
    }
}

/// Non-fatal findings of a reader (skipped lines, truncated records), collected
/// rather than printed, so a library user decides what to show.
public struct Warnings: Sendable {
    /// The findings, in the order found.
    public private(set) var all: [Warning] = []
    public init() {}
    /// Records a finding about what is being read.
    public mutating func add(_ message: String) { all.append(Warning(message)) }
    /// Records a finding.
    public mutating func add(_ warning: Warning) { all.append(warning) }
    /// The findings as text, `source: message` where they name a source.
    public var messages: [String] { all.map(\.description) }
    /// Whether nothing was found.
    public var isEmpty: Bool { all.isEmpty }
}
