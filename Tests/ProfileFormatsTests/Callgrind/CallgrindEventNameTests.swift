import ProfileCore
import Testing
@testable import ProfileFormats

/// Callgrind event names from sample types (issue 29, item 9: 100,000 equal
/// names once took quadratic time).
@Suite("callgrind event names")
struct CallgrindEventNameTests {
    func names(_ types: [String]) -> [String] {
        let b = ProfileBuilder(sampleTypes: types.map { ($0, "count") })
        let p = b.build()
        return CallgrindWriter.eventNames(p, Array(p.sampleTypes.indices))
    }

    @Test("equal names are numbered in order, skipping a number an original name took")
    func numbering() {
        #expect(names(["x", "x", "x_3", "x", "x", "cpu time"]) == ["x", "x_2", "x_3", "x_4", "x_5", "cpu_time"])
    }

    @Test("20,000 equal names get 20,000 distinct names, numbered 2 to 20,000")
    func many() {
        let n = names(Array(repeating: "samples", count: 20_000))
        #expect(Set(n).count == 20_000)
        #expect(n.first == "samples" && n.last == "samples_20000")
    }
}
