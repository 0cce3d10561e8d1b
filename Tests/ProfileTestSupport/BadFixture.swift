import Foundation

/// One row of `Fixtures/bad/expected.tsv`: what reading a hostile file gives,
/// the same for the library's pipeline and for `profconv convert`.
public struct BadFixture: CustomStringConvertible, Sendable {
    /// What the read ends in.
    public enum Outcome: String, Sendable {
        /// Refused: one error, nothing written.
        case error
        /// Read, with one warning.
        case warning
        /// Read without a word.
        case read
    }

    /// The file's name in `Fixtures/bad/`.
    public var file: String
    /// The `--from` format, or nil to let profconv find it.
    public var from: String?
    public var outcome: Outcome
    /// The error or warning after `FILE: `, or nil for a silent read.
    public var message: String?
    /// The folded output, or nil where the table does not pin it.
    public var folded: String?

    public var description: String { from.map { "\(file) --from \($0)" } ?? file }

    /// Every row of the table, in its order.
    public static let all: [BadFixture] = {
        let text = (try? String(contentsOfFile: Fixture.path("bad/expected.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            precondition(f.count == 5, "Fixtures/bad/expected.tsv: a row needs 5 tab-separated fields: \(line)")
            func field(_ s: String) -> String? { s == "-" ? nil : s }
            return BadFixture(file: f[0], from: field(f[1]), outcome: Outcome(rawValue: f[2])!,
                              message: field(f[3]), folded: field(f[4])?.replacingOccurrences(of: "\\n", with: "\n"))
        }
    }()
}
