import Foundation
import ProfileCore
import ProfileTestSupport
import Testing
@testable import ProfileFormats

/// The generic stages know formats only through what they declare: a new
/// format is its folder and one line in ``FormatRegistry/all``.
@Suite("the generic stages name no format")
struct FormatNeutralityTests {
    /// The folders of generic stages, and the one file allowed to list formats.
    static let genericFolders = ["Registry", "Pipeline", "IO", "Sniff"]
    static let formatList = "Registry/FormatRegistry+All.swift"

    /// Each format's type name and its options' (`PprofFormat`, `GoDebug1Format.Options`).
    static var formatTypeNames: [String] {
        FormatRegistry.all.map { String(describing: $0) }
    }

    @Test("Registry/, Pipeline/, IO/ and Sniff/ name no format type outside FormatRegistry.all")
    func grep() throws {
        let sources = Fixture.root + "/Sources/ProfileFormats/"
        var offenders: [String] = []
        for folder in Self.genericFolders {
            for file in try FileManager.default.contentsOfDirectory(atPath: sources + folder).sorted()
            where file.hasSuffix(".swift") && folder + "/" + file != Self.formatList {
                let text = try String(contentsOfFile: sources + folder + "/" + file, encoding: .utf8)
                for name in Self.formatTypeNames where text.contains(name) {
                    offenders.append("\(folder)/\(file) names \(name)")
                }
            }
        }
        #expect(offenders == [])
    }

    @Test("every format is listed once, by a name no other format takes")
    func names() {
        var seen: [String: String] = [:]
        for f in FormatRegistry.all {
            for n in [f.name] + f.aliases {
                #expect(seen[n] == nil, "\(n) names both \(seen[n] ?? "") and \(f.name)")
                seen[n] = f.name
            }
        }
        #expect(FormatRegistry.readers.count + FormatRegistry.writers.count >= FormatRegistry.all.count)
    }

    @Test("a reader option is refused on another reader's input, by name")
    func foreignOptions() throws {
        var options = ReadOptions()
        let creatorFrames = try #require(GoDebug2Format.userOptions.first { $0.name == "creator-frames" })
        try creatorFrames.set(in: &options, of: GoDebug2Format.self)
        let error = #expect(throws: ProfileError.self) {
            try Fixture.decode("go1.19/leaky/goroutine.debug0.pb.gz", options: options)
        }
        #expect(error?.message == "the option creator-frames reads debug2 input only, and this input is pprof")
        #expect(try Fixture.decode("go1.19/leaky/goroutine.debug2.txt", options: options).format.name == GoDebug2Format.name)
    }

    @Test("options a library user sets for one reader are refused on another's input")
    func foreignOptionTypes() throws {
        var options = ReadOptions()
        options[GoDebug1Format.Options.self].heapDefaultSampleType = "alloc_space"
        let error = #expect(throws: ProfileError.self) {
            try Fixture.decode("go1.19/leaky/goroutine.debug2.txt", options: options)
        }
        #expect(error?.message == "options of the debug1 reader were set, and this input is debug2")
    }
}
