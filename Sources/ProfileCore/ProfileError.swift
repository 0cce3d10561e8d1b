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
    /// Whether the input is no profile at all (empty, or of no format
    /// profconv knows) rather than a broken one: `batch` skips such files.
    public var isUnrecognizedInput = false

    /// An error with `message`, optionally at `place` in `file`.
    public init(_ message: String, file: String? = nil, place: Place = .none) {
        self.message = message
        self.file = file
        self.place = place
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
        a.file == b.file && a.place == b.place && a.message == b.message
    }

    /// The same error, attributed to `file` unless it already names one.
    public func inFile(_ file: String) -> ProfileError {
        var e = self
        if e.file == nil { e.file = file }
        return e
    }

    /// The one line the CLI prints: `FILE: MESSAGE (byte N)` or `(line N)`.
    public var description: String {
        var s = ""
        if let file { s += "\(file): " }
        s += message
        switch place {
        case .none: break
        case .byte(let n): s += " (byte \(n))"
        case .line(let n): s += " (line \(n))"
        }
        return s
    }
}

/// Non-fatal findings of a reader (skipped lines, truncated records), collected
/// rather than printed, so a library user decides what to show.
public struct Warnings: Sendable {
    /// The findings, in the order found.
    public private(set) var messages: [String] = []
    public init() {}
    /// Records a finding.
    public mutating func add(_ message: String) { messages.append(message) }
    /// Whether nothing was found.
    public var isEmpty: Bool { messages.isEmpty }
}
