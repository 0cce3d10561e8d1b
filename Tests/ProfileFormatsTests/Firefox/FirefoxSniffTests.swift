import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("Firefox profiles are found by content")
struct FirefoxSniffTests {
    static func sniff(_ text: String) -> SniffConfidence {
        Array(text.utf8).withUnsafeBytes { FirefoxFormat.sniff($0) }
    }

    @Test("meta with threads is certain; a prefix cut in the libs Firefox writes first may be one")
    func confidence() {
        #expect(Self.sniff(#"{"meta":{"version":36},"threads":[]}"#) == .certainly)
        #expect(Self.sniff(#"{"libs":[],"meta":{"preprocessedProfileVersion":70},"shared":{},"threads":[]}"#) == .certainly)
        #expect(Self.sniff(#"{"libs":[{"name":"libxul.so","breakpadId":"AB"},{"name":"#) == .maybe)
        #expect(Self.sniff(#"{"meta":{"preprocessedProfileVersion":70,"markerSchema":[{"#) == .certainly)
        #expect(Self.sniff(#"{"shared":{"frames":[]},"profiles":[]}"#) == .no)
        #expect(Self.sniff(#"{"traceEvents":[]}"#) == .no)
        #expect(Self.sniff(#"{"meta":{}}"#) == .no)
    }

    @Test("JSON of an unknown shape gets an error that names the Firefox formats")
    func unknownJSON() {
        do {
            _ = try FormatRegistry.read(Array(#"{"events": []}"#.utf8))
            Issue.record("read without an error")
        } catch {
            #expect("\(error)".contains("firefox: {\"meta\": {\"version\": …}"))
            #expect("\(error)".contains("(processed Firefox profile)"))
        }
    }
}
