import ProfileCore
import ProfileFormats
@_exported import ProfileTestSupport
import Testing

extension Fixture {
    /// `Fixtures/<relative>` read through the registry (format sniffed).
    static func decode(_ relative: String, options: ReadOptions = ReadOptions()) throws -> FormatRegistry.Decoded {
        try FormatRegistry.read(bytes(relative), options: options)
    }
}

/// The output of `format.write` as a string.
func written(_ profile: Profile, as format: any ProfileWriter.Type, options: WriteOptions = WriteOptions()) throws -> String {
    let sink = ByteSink()
    try format.write(profile, options: options, to: sink)
    return String(decoding: sink.bytes, as: UTF8.self)
}

/// Reads text of any format.
func readText(_ text: String, format: (any ProfileReader.Type)? = nil, options: ReadOptions = ReadOptions()) throws -> FormatRegistry.Decoded {
    try FormatRegistry.read(Array(text.utf8), format: format, options: options)
}
