import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

/// The folded lines of `profile` for one sample type, zero stacks left out, sorted.
func firefoxFolded(_ profile: Profile, _ sampleIndex: String) throws -> [String] {
    try written(profile, as: FoldedFormat.self, options: WriteOptions(sampleIndex: sampleIndex))
        .split(separator: "\n").map(String.init).filter { !$0.hasSuffix(" 0") }.sorted()
}

/// Column `column` of the gzipped expected output Scripts/firefox_reference.py
/// wrote beside a capture (`stack samples cpu_ns`), as folded lines.
func firefoxReference(_ fixture: String, column: Int) throws -> [String] {
    let raw = try Fixture.bytes(fixture)
    let text = try raw.withUnsafeBytes { try Gzip.inflate($0, limit: 1 << 28) }.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    return text.split(separator: "\n").compactMap { line -> String? in
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        let value = fields[fields.count - 2 + column]
        return value == "0" ? nil : fields.dropLast(2).joined(separator: " ") + " " + value
    }.sorted()
}

/// The `thread` labels of `profile`'s samples.
func threadNames(_ profile: Profile) -> Set<String> {
    guard let key = profile.strings.strings.firstIndex(of: "thread") else { return [] }
    return Set(profile.samples.labels.filter { $0.key == key }.map { profile.strings[$0.str] })
}

/// The error reading `json` as a Firefox profile gives.
func firefoxError(_ json: String) -> String {
    do {
        _ = try readText(json, format: FirefoxFormat.self)
        return "no error"
    } catch {
        return "\(error)"
    }
}
