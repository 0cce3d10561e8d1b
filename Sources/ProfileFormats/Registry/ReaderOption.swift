import ProfileCore

/// One option of a reader as a user sets it: a name, its help, and what it
/// does to ``ReadOptions``. Readers declare theirs in
/// ``ProfileReader/userOptions``; the CLI offers each as `--NAME`.
public struct ReaderOption: Sendable {
    /// The option's name, lower case with dashes (`creator-frames`).
    public let name: String
    /// One sentence or two for `--help`.
    public let help: String
    /// What the value stands for in help (`type`); nil for a flag, which takes none.
    public let valueName: String?
    private let apply: @Sendable (inout ReadOptions, String) throws -> Void

    /// A flag: given or not.
    public static func flag(_ name: String, help: String,
                            _ set: @escaping @Sendable (inout ReadOptions) -> Void) -> ReaderOption {
        ReaderOption(name: name, help: help, valueName: nil) { options, _ in set(&options) }
    }

    /// An option with a value; `set` throws a `ProfileError` for a value it refuses.
    public static func value(_ name: String, valueName: String, help: String,
                             _ set: @escaping @Sendable (inout ReadOptions, String) throws -> Void) -> ReaderOption {
        ReaderOption(name: name, help: help, valueName: valueName, apply: set)
    }

    private init(name: String, help: String, valueName: String?,
                 apply: @escaping @Sendable (inout ReadOptions, String) throws -> Void) {
        self.name = name
        self.help = help
        self.valueName = valueName
        self.apply = apply
    }

    /// Sets the option in `options` (`value` is ignored for a flag), and
    /// records that `reader`'s option `name` was given, so that an input
    /// another reader reads refuses it.
    public func set(in options: inout ReadOptions, value: String = "", of reader: any ProfileReader.Type) throws {
        try apply(&options, value)
        options.recordGiven(name, of: reader)
    }
}
