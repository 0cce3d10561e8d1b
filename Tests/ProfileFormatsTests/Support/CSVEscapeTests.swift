import ProfileCore
import Testing
@testable import ProfileFormats

/// CSV cells that a spreadsheet would run as formulas (issue 29, item 17).
@Suite("CSV text fields")
struct CSVEscapeTests {
    @Test("a field starting with =, +, - or @ is text to a spreadsheet: a leading '", arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+[NSString stringWithFormat:]", "'+[NSString stringWithFormat:]"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("main.main", "main.main"),
        ("a=b", "a=b"),
    ])
    func formulas(_ field: String, _ written: String) {
        #expect(Escape.csv(field) == written)
    }

    @Test("top --format csv writes a hostile name as text, and its numbers as numbers")
    func topCSV() throws {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        let evil = b.location(function: b.function(name: b.intern("=cmd|'/c calc'!A0")))
        b.addSample(locations: [evil], values: [3])
        var options = WriteOptions()
        options[TopFormat.Options.self].style = .csv
        let csv = try written(b.build(), as: TopFormat.self, options: options)
        #expect(csv.contains(",'=cmd|'/c calc'!A0,"))
        #expect(!csv.contains(",=cmd"))
    }
}
