import Foundation
import ProfileCore
import ProfileFormats
import Testing

/// What each reader makes of a fixture, whole: its ``ProfileDump`` is
/// compared with `Fixtures/golden/<fixture>.dump`. After a deliberate change
/// to a reader, rewrite those files and read their diff:
///
///     PROFCONV_UPDATE_GOLDEN=1 swift test --filter GoldenDumpTests
@Suite("golden dumps of the readers' profiles")
struct GoldenDumpTests {
    static let fixtures = [
        "go1.19/busy/goroutine.debug0.pb.gz",
        "go1.19/leaky/mutex.debug0.pb.gz",
        "go1.19/leaky/threadcreate.debug0.pb.gz",
        "handwritten/invalid-utf8.pb.gz",
        "go1.19/busy/goroutine.debug1.txt",
        "handwritten/go1.21-no-trailing-newline.debug2.txt",
    ]

    static var updating: Bool { ProcessInfo.processInfo.environment["PROFCONV_UPDATE_GOLDEN"] != nil }

    @Test("a fixture reads to the profile its golden dump shows", arguments: fixtures)
    func golden(_ fixture: String) throws {
        let dump = ProfileDump.text(try Fixture.decode(fixture).profile)
        let path = Fixture.path("golden/" + fixture + ".dump")
        if Self.updating {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try dump.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(dump == golden, "Fixtures/golden/\(fixture).dump differs; if the reader changed on purpose, PROFCONV_UPDATE_GOLDEN=1 swift test --filter GoldenDumpTests")
    }

    @Test("whatever the input format, pprof written from its profile reads back to an equal profile", arguments: fixtures)
    func pprofRoundTrip(_ fixture: String) throws {
        let original = try Fixture.decode(fixture).profile
        let again = try FormatRegistry.read(PprofFormat.encode(original)).profile
        #expect(again == original)
        #expect(ProfileDump.text(again) == ProfileDump.text(original))
    }
}
