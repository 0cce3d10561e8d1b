import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

/// The folded lines of `profile` for one sample type, zero stacks left out, sorted.
func foldedLines(_ profile: Profile, _ sampleIndex: String) throws -> [String] {
    try written(profile, as: FoldedFormat.self, options: WriteOptions(sampleIndex: sampleIndex))
        .split(separator: "\n").map(String.init).filter { !$0.hasSuffix(" 0") }.sorted()
}

/// Column `column` of `columns` values of a reference file written by
/// Scripts/v8_reference.py beside a capture (`stack v0 v1`), as folded lines.
func referenceLines(_ fixture: String, column: Int, of columns: Int = 2) throws -> [String] {
    let text = try String(decoding: Fixture.bytes(fixture), as: UTF8.self)
    return text.split(separator: "\n").compactMap { line -> String? in
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        let value = fields[fields.count - columns + column]
        return value == "0" ? nil : fields.dropLast(columns).joined(separator: " ") + " " + value
    }.sorted()
}

/// Reads `json` as `format`'s input, sniffed.
func readJSON(_ json: String, options: ReadOptions = ReadOptions()) throws -> FormatRegistry.Decoded {
    try readText(json, options: options)
}
