import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("Safari's Web Inspector timeline recordings")
struct SafariRecordingTests {
    /// Folded lines of the expected output beside a fixture (`stack samples cpu_ns`), column `column`.
    static func expected(_ fixture: String, column: Int) throws -> [String] {
        let text = try String(decoding: Fixture.bytes(fixture), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            let value = fields[fields.count - 2 + column]
            return value == "0" ? nil : fields.dropLast(2).joined(separator: " ") + " " + value
        }.sorted()
    }

    static func folded(_ profile: Profile, _ index: String) throws -> [String] {
        try written(profile, as: FoldedFormat.self, options: WriteOptions(sampleIndex: index))
            .split(separator: "\n").map(String.init).filter { !$0.hasSuffix(" 0") }.sorted()
    }

    @Test("both layouts of the recording made of the Firefox capture give the reference's stacks", arguments: ["13", "26.4"])
    func fixtures(_ layout: String) throws {
        let d = try Fixture.decode("safari/page-\(layout).html-recording.json.gz")
        #expect(d.format.name == SafariFormat.name)
        #expect(d.profile.sampleTypeNames == "samples/count, cpu/nanoseconds")
        #expect(try Self.folded(d.profile, "samples") == Self.expected("safari/page-\(layout).html-recording.folded", column: 0))
        #expect(try Self.folded(d.profile, "cpu") == Self.expected("safari/page-\(layout).html-recording.folded", column: 1))
    }

    static let frames = #"""
        {"sourceID":"2","name":"","line":2,"column":10,"url":"http://a.test/lib/app.js","expressionLocation":{"line":3,"column":1}},
        {"sourceID":"2","name":"work","line":9,"column":4,"url":"http://a.test/lib/app.js"},
        {"sourceID":"0","name":"(program)","line":1,"column":1,"url":"http://a.test/lib/app.js"}
        """#

    /// Safari 13 to 26.3: the pair at the recording's top, records before them.
    static let v13 = #"""
        {"version":1,"recording":{"displayName":"Timeline Recording 1","startTime":1,"endTime":2,
         "instrumentTypes":["timeline-record-type-script"],
         "records":[{"type":"timeline-record-type-script","eventType":"script-evaluated","startTime":1,"endTime":2}],
         "sampleStackTraces":[{"timestamp":1.001,"stackFrames":[\#(frames)]},
                              {"timestamp":1.002,"stackFrames":[{"name":"","line":-1,"column":-1,"url":""}]},
                              {"timestamp":1.003,"stackFrames":[]}],
         "sampleDurations":[0.001,0.0005,0.25]},
         "overview":{"secondsPerPixel":0.001}}
        """#

    @Test("frames leaf first; a nameless frame is (anonymous FILE:LINE) or (anonymous); samples without frames are left out")
    func layout13() throws {
        let p = try readText(Self.v13).profile
        #expect(try Self.folded(p, "cpu") == ["(anonymous) 500000", "(program);work;(anonymous app.js:2) 1000000"])
        #expect(try Self.folded(p, "samples") == ["(anonymous) 1", "(program);work;(anonymous app.js:2) 1"])
        var options = WriteOptions(sampleIndex: "samples")
        options[FoldedFormat.Options.self].withLines = true
        #expect(try written(p, as: FoldedFormat.self, options: options).contains("work http://a.test/lib/app.js:9;"))
    }

    /// Safari 26.4: groups of traces and durations under `samples`.
    static let v26 = #"""
        {"version":1,"recording":{"records":[],"samples":[
          {"stackTraces":[{"timestamp":1.001,"stackFrames":[\#(frames)]}],"durations":[0.001]},
          {"durations":[0.002],"stackTraces":[{"timestamp":1.002,"stackFrames":[{"name":"idle","line":1,"column":1,"url":""}]}]}]}}
        """#

    @Test("Safari 26.4's samples groups, durations before or after their traces")
    func layout26() throws {
        let d = try readText(Self.v26)
        #expect(d.format.name == SafariFormat.name)
        #expect(try Self.folded(d.profile, "cpu") == ["(program);work;(anonymous app.js:2) 1000000", "idle 2000000"])
    }

    @Test("other versions, unpaired durations, missing samples and damage are refused with the byte", arguments: [
        (#"{"version":2,"recording":{"sampleStackTraces":[],"sampleDurations":[]}}"#, "a Safari timeline recording of version 2; profconv reads version 1 (byte 11)"),
        (#"{"version":1,"recording":{"sampleStackTraces":[{"stackFrames":[]}],"sampleDurations":[]}}"#, "1 stack traces and 0 durations; they go in pairs"),
        (#"{"version":1,"recording":{"samples":[{"stackTraces":[],"durations":[1]}]}}"#, "0 stack traces and 1 durations; they go in pairs (byte 37)"),
        (#"{"version":1,"recording":{"records":[]}}"#, "the recording has no JavaScript samples"),
        (#"{"version":1}"#, "a Safari timeline recording without its \"recording\""),
        (#"{"version":1,"recording":{"sampleStackTraces":[],"sampleDurations":[-1]}}"#, "a negative duration -1.0"),
        (#"{"version":1,"recording":{"sampleStackTraces":[{"stackFrames":[{"name":"a","line":1.5}]}]"#, "expected a whole number"),
        (#"{"version":1,"recording":{"sampleStackTraces":[{"stackFrames":[{"name":"a"#, "in the Safari timeline recording"),
    ])
    func damaged(_ json: String, _ message: String) {
        do {
            _ = try readText(json, format: SafariFormat.self)
            Issue.record("read without an error")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test("a 100,000-frame stack is read, and refused past the stack depth limit")
    func deepStack() throws {
        let frames = Array(repeating: #"{"name":"f","line":1,"column":1,"url":"a.js"}"#, count: 100_000).joined(separator: ",")
        let json = #"{"version":1,"recording":{"sampleStackTraces":[{"stackFrames":["# + frames + #"]}],"sampleDurations":[0.001]}}"#
        #expect(try readText(json).profile.samples.count == 1)
        var options = ReadOptions()
        options.maxStackDepth = 1000
        #expect(throws: ProfileError.self) { try readText(json, options: options) }
    }

    @Test("found by content, even when the prefix ends inside the records; other JSON is not taken")
    func sniff() {
        func sniff(_ text: String) -> SniffConfidence { Array(text.utf8).withUnsafeBytes { SafariFormat.sniff($0) } }
        #expect(sniff(Self.v13) == .certainly)
        #expect(sniff(#"{"version":1,"recording":{"records":[{"type":"timeline-record-type-network","entry":{"#) == .certainly)
        #expect(sniff(#"{"version":1,"recording":{"displayName":"#) == .maybe)
        #expect(sniff(#"{"meta":{"version":36},"threads":[]}"#) == .no)
        #expect(sniff(#"{"version":"1.0","profiles":[]}"#) == .no)
    }

    @Test("JSON of an unknown shape gets an error that names the Safari recording")
    func unknownJSON() {
        do {
            _ = try FormatRegistry.read(Array(#"{"events": []}"#.utf8))
            Issue.record("read without an error")
        } catch {
            #expect("\(error)".contains("safari: {\"version\": 1, \"recording\""))
        }
    }
}
