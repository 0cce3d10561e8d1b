import Testing
@testable import ProfileFormats

@Suite("Gecko location strings, named as the Firefox Profiler's processing names them")
struct FirefoxLocationTests {
    /// name, file, line, column of `location`.
    static func parts(_ location: String) -> (String, String?, Int64, Int64) {
        let bytes = Array(location.utf8)
        return bytes.withUnsafeBytes { s in
            let l = FirefoxLocation(s)
            let file = l.file.map { String(decoding: bytes[$0], as: UTF8.self) }
            let name = l.rootScope ? "(root scope) " + (file ?? "") : String(decoding: bytes[l.name], as: UTF8.self)
            return (name, file, l.line, l.column)
        }
    }

    @Test("JS frames: name, url, line, column; the source index and a chain of URIs dropped", arguments: [
        ("fib (file:///opt/page.html:7:13)[10]", "fib", "file:///opt/page.html", 7, 13),
        ("get (resource://gre/modules/Schemas.sys.mjs:3599:6)", "get", "resource://gre/modules/Schemas.sys.mjs", 3599, 6),
        ("next (self-hosted:392:27)[5]", "next", "self-hosted", 392, 27),
        ("run (http://a.test/a.js:12)", "run", "http://a.test/a.js", 12, 0),
        ("f (chrome://x.js -> http://b.test/b.js:3:4)", "f", "http://b.test/b.js", 3, 4),
        ("callFunction/< (resource://gre/E.sys.mjs:757:28)[51]", "callFunction/<", "resource://gre/E.sys.mjs", 757, 28),
        ("a (b) (http://c.test/d.js:1:2)", "a (b)", "http://c.test/d.js", 1, 2),
    ] as [(String, String, String, Int64, Int64)])
    func js(_ location: String, _ name: String, _ file: String, _ line: Int64, _ column: Int64) {
        let (n, f, l, c) = Self.parts(location)
        #expect(n == name)
        #expect(f == file)
        #expect(l == line)
        #expect(c == column)
    }

    @Test("a script's top level is its (root scope)")
    func rootScope() {
        #expect(Self.parts("http://a.test/app.js:5:1").0 == "(root scope) http://a.test/app.js")
        #expect(Self.parts(" (http://a.test/app.js:5:1)[2]").0 == "(root scope) http://a.test/app.js")
    }

    @Test("addresses, label frames and unknown strings stand as they are; C++ frames lose their library", arguments: [
        ("0x7f2a91fc3f14", "0x7f2a91fc3f14"),
        ("(root)", "(root)"),
        ("Reflow file:///opt/page.html", "Reflow file:///opt/page.html"),
        ("file:///opt/page.html[10]", "file:///opt/page.html[10]"),
        ("ThreadEventQueue::GetEvent::Wait", "ThreadEventQueue::GetEvent::Wait"),
        ("nsThread::ProcessNextEvent (in libxul.so) + 1234", "nsThread::ProcessNextEvent"),
        ("non-virtual thunk to Foo::Bar (in libxul.so)", "Foo::Bar"),
        ("Baz (in XUL) (nsThread.cpp:42)", "Baz"),
        ("0x12 (in libxul.so) + 4", "0x12 (in libxul.so) + 4"),
        ("fib (file:///page.html)", "fib (file:///page.html)"),
    ])
    func others(_ location: String, _ name: String) {
        let (n, f, _, _) = Self.parts(location)
        #expect(n == name)
        if !location.hasPrefix("file:") || location.contains("[") { #expect(f == nil) }
    }
}
