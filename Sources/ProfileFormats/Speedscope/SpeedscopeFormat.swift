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

    /// A `.json` file whose schema line lies beyond the sniffed prefix.
    public static var undecidedInputEndings: [String] { ["json"] }

    /// Other JSON is told what JSON profconv reads.
    public static func nearMiss(_ prefix: UnsafeRawBufferPointer) -> String? {
        guard let first = UnreadableInput.firstNonSpace(prefix), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        return "a JSON document of a shape profconv does not know; the JSON it reads is speedscope's (with \"$schema\": \"https://www.speedscope.app/file-format-schema.json\")"
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try SpeedscopeReader.read(TextEncoding.droppingUTF8BOM(input), warnings: &warnings)
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        try SpeedscopeWriter.write(profile, options: options, to: output)
    }
}
