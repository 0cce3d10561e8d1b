import ProfileCore

/// speedscope's JSON file format (https://www.speedscope.app/file-format-schema.json).
///
/// Written as one `sampled` profile per sample type, with inlined frames kept;
/// read back from `sampled` and `evented` profiles, whoever wrote them.
public enum SpeedscopeFormat: ProfileReader, ProfileWriter {
    public static let name = "speedscope"
    public static let extensions = ["speedscope.json", "speedscope"]
    public static let summary = "speedscope JSON (file-format schema): one sampled profile per sample type"

    /// JSON that names speedscope's schema near its start.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        let text = TextEncoding.droppingUTF8BOM(prefix)
        var i = 0
        while i < text.count, text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D { i += 1 }
        guard i < text.count, text[i] == UInt8(ascii: "{") else { return .no }
        let needle = Array("speedscope.app/file-format-schema".utf8)
        guard text.count >= needle.count else { return .no }
        var k = i
        while k + needle.count <= text.count {
            if text[k] == needle[0] && text[k..<k + needle.count].elementsEqual(needle) { return .certainly }
            k += 1
        }
        return .no
    }

    /// A `.speedscope.json` file whose schema line lies beyond the sniffed
    /// prefix. (Other `.json` is told apart by its keys: JSON of an unknown
    /// shape gets the list of JSON formats, not a speedscope error.)
    public static var undecidedInputEndings: [String] { ["speedscope.json", "speedscope"] }

    public static var jsonShape: String? { "{\"$schema\": \"https://www.speedscope.app/file-format-schema.json\", …}" }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try SpeedscopeReader.read(TextEncoding.droppingUTF8BOM(input), warnings: &warnings)
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        try SpeedscopeWriter.write(profile, options: options, to: output)
    }
}
