import ProfileCore
import ProfileFormats
import Testing

@Suite("URL inputs as go tool pprof reads them")
struct RemoteRequestTests {
    @Test("--seconds sets seconds=N, a bare host means the CPU profile, and the timeout follows the duration")
    func adjustment() throws {
        let r1 = try RemoteRequest("http://h:6060/debug/pprof/profile?seconds=30", settings: .init(seconds: 5))
        #expect(r1.url == "http://h:6060/debug/pprof/profile?seconds=5")
        #expect(r1.timeout == 15)
        let r2 = try RemoteRequest("http://h:6060")
        #expect(r2.url == "http://h:6060/debug/pprof/profile")
        #expect(r2.timeout == 60)
        let r3 = try RemoteRequest("https://h/debug/pprof/goroutine?debug=1", settings: .init(timeout: 2))
        #expect(r3.url == "https://h/debug/pprof/goroutine?debug=1")
        #expect(r3.secure && r3.port == 443 && r3.timeout == 2)
        #expect(try RemoteRequest("http://h/debug/pprof/profile?seconds=60").timeout == 90)
    }

    @Test("host:port and host:port/path without a scheme are http:// URLs; a bare host:port is the CPU profile")
    func schemeless() throws {
        #expect(RemoteRequest.isURL("127.0.0.1:6060/debug/pprof/goroutine"))
        #expect(RemoteRequest.isURL("localhost:6060"))
        #expect(!RemoteRequest.isURL("profile.pb.gz"))
        #expect(!RemoteRequest.isURL("dir/a:1"))
        #expect(!RemoteRequest.isURL("host:port"))
        let r = try RemoteRequest("127.0.0.1:6060/debug/pprof/goroutine?debug=2")
        #expect(r.url == "http://127.0.0.1:6060/debug/pprof/goroutine?debug=2")
        #expect(r.host == "127.0.0.1" && r.port == 6060 && r.target == "/debug/pprof/goroutine?debug=2")
        #expect(try RemoteRequest("localhost:6060").url == "http://localhost:6060/debug/pprof/profile")
        #expect(try RemoteRequest("[::1]:6060/x").host == "::1")
    }

    @Test("a URL that is not one says what to give", arguments: ["http://", "http://h:99999/", "http://h x/", "http://h/a b"])
    func invalid(_ source: String) {
        #expect(throws: ProfileError.self) { try RemoteRequest(source) }
    }
}
