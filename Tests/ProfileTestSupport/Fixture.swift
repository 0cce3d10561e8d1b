import Foundation

/// The repository's `Fixtures/`, found from this file's path, so tests read
/// them wherever `swift test` runs.
public enum Fixture {
    /// The package root.
    public static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/ProfileTestSupport/Fixture.swift
        return parts.joined(separator: "/")
    }()

    /// The absolute path of `Fixtures/<relative>`.
    public static func path(_ relative: String) -> String { root + "/Fixtures/" + relative }

    /// The bytes of `Fixtures/<relative>`.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }
}
