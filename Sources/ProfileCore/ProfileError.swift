/// An error in a profile, with where it was found.
///
/// Readers throw it with a byte offset or a line number; the CLI adds the file
/// name and prints it as one line: `FILE: MESSAGE (byte N)`.
public struct ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Place: Equatable, Sendable {
        case none
        case byte(Int)
        case line(Int)
    }

    public var file: String?
    public var place: Place
    public var message: String
    /// Whether the input is no profile at all (empty, or of no format
    /// profconv knows) rather than a broken one: `batch` skips such files.
    public var isUnrecognizedInput = false

    public init(_ message: String, file: String? = nil, place: Place = .none) {
        self.message = message
        self.file = file
        self.place = place
    }

    public static func atByte(_ offset: Int, _ message: String) -> ProfileError {
        ProfileError(message, place: .byte(offset))
    }

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
    public private(set) var messages: [String] = []
    public init() {}
    public mutating func add(_ message: String) { messages.append(message) }
    public var isEmpty: Bool { messages.isEmpty }
}
