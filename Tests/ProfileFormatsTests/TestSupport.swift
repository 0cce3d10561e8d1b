import ProfileCore
import ProfileFormats
import Testing

/// Paths and helpers shared by the format tests.
enum Fixture {
    /// The package root, found from this file's path.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/ProfileFormatsTests/TestSupport.swift
        return parts.joined(separator: "/")
    }()

    /// The absolute path of `Fixtures/<relative>`.
    static func path(_ relative: String) -> String { root + "/Fixtures/" + relative }

    /// The bytes of `Fixtures/<relative>`.
    static func bytes(_ relative: String) throws -> [UInt8] { try Files.read(path(relative)) }

    /// `Fixtures/<relative>` read through the registry (format sniffed).
    static func decode(_ relative: String, options: ReadOptions = ReadOptions()) throws -> FormatRegistry.Decoded {
        try FormatRegistry.read(bytes(relative), options: options)
    }
}

/// The output of `format.write` as a string.
func written(_ profile: Profile, as format: any ProfileFormat.Type, options: WriteOptions = WriteOptions()) throws -> String {
    let sink = ByteSink()
    try format.write(profile, options: options, to: sink)
    return String(decoding: sink.bytes, as: UTF8.self)
}

/// Reads text of any format.
func readText(_ text: String, format: (any ProfileFormat.Type)? = nil, options: ReadOptions = ReadOptions()) throws -> FormatRegistry.Decoded {
    try FormatRegistry.read(Array(text.utf8), format: format, options: options)
}
