import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("xctrace export XML")
struct XCTraceTests {
    @Test("each row is a sample of its backtrace, refs resolved; weights and threads are kept")
    func rows() throws {
        let d = try Fixture.decode("xctrace/busy.xctrace.xml")
        #expect(d.format.name == XCTraceFormat.name)
        #expect(d.profile.sampleTypeNames == "samples/count, weight/nanoseconds")
        #expect(try written(d.profile, as: FoldedFormat.self) == """
            0x18b3c5a34 1
            start;main;busy::hash 2
            start;main;operator new(unsigned long) & <friends> 1

            """)
        #expect(d.profile.totals() == [4, 5_000_000])
        let threads = Set((0..<d.profile.samples.count).flatMap { s in d.profile.samples.labels(of: s).map { d.profile.string($0.str) } })
        #expect(threads == ["Main Thread  0x1a2b (busy, pid: 4242)", "Thread 2  0x1a2c (busy, pid: 4242)"])
    }

    @Test("hostile XML gives one error with the line", arguments: [
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY a \"b\">]>\n<trace-query-result/>\n", "this xctrace export declares XML entities, which no xctrace export needs and which can expand without bound; remove the <!DOCTYPE …[…]> block (byte 35)"),
        ("<?xml version=\"1.0\"?>\n<trace-query-result><row><backtrace ref=\"7\"/></row></trace-query-result>\n", "a backtrace refers to id 7, which no backtrace before it has (line 2)"),
        ("<?xml version=\"1.0\"?>\n<trace-query-result><row><backtrace id=\"1\"><frame id=\"2\"/></backtrace></row></trace-query-result>\n", "frame 2 has no name (line 2)"),
        ("<?xml version=\"1.0\"?>\n<trace-query-result><row><weight id=\"1\">x</weight></row></trace-query-result>\n", "the weight 'x' is not a whole number of nanoseconds (line 2)"),
        ("<?xml version=\"1.0\"?>\n<trace-query-result><row><backtrace id=\"1\"><frame id=\"2\" name=\"a\"/><frame id=\"2\" name=\"b\"/></backtrace></row></trace-query-result>\n", "two frames have the id 2 (line 2)"),
    ])
    func hostile(_ text: String, _ message: String) throws {
        let error = #expect(throws: ProfileError.self) { try readText(text) }
        #expect(error?.description == message)
    }
}
