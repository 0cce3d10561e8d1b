#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileCore
@testable import ProfileFormats
import Testing

/// A one-connection-per-answer HTTP server on 127.0.0.1 that sends canned
/// answers in turn, so the client's parsing can be tested without Go.
final class CannedServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let answers: [String]

    /// How many connections it accepted.
    var accepted: Int { acceptedCount.withLock { $0 } }
    private let acceptedCount = NSLock.Box(0)

    init(_ answers: [String], address: String = "127.0.0.1") throws {
        self.answers = answers
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr(address)
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 8) == 0 else { fatalError("cannot listen on \(address)") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = Int(UInt16(bigEndian: addr.sin_port))
        self.port = port
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// An answer that is no answer: the server keeps the connection open, silent.
    static let silence = "SILENCE"
    /// Starts an answer that stops short: what follows is sent, then nothing.
    static let partial = "PARTIAL:"

    private func serve() {
        for answer in answers {
            let c = accept(fd, nil, nil)
            if c < 0 { return }
            acceptedCount.withLock { $0 += 1 }
            var request = [UInt8](repeating: 0, count: 4096)
            _ = recv(c, &request, request.count, 0)
            if answer.hasPrefix(Self.partial) {
                // Send this much, then say nothing more until the client gives up.
                let bytes = Array(answer.dropFirst(Self.partial.count).utf8)
                _ = bytes.withUnsafeBytes { send(c, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
                var patience = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &patience, socklen_t(MemoryLayout<timeval>.size))
                while recv(c, &request, request.count, 0) > 0 {}
            } else if answer == Self.silence {
                // Say nothing until the client gives up and closes the
                // connection (recv then returns 0); 10 s at most.
                var patience = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &patience, socklen_t(MemoryLayout<timeval>.size))
                while recv(c, &request, request.count, 0) > 0 {}
            } else {
                let bytes = Array(answer.utf8)
                _ = bytes.withUnsafeBytes { send(c, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            close(c)
        }
        close(fd)
    }
}

extension NSLock {
    /// A value behind a lock.
    final class Box<T>: @unchecked Sendable {
        private var value: T
        private let lock = NSLock()
        init(_ value: T) { self.value = value }
        func withLock<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
    }
}

@Suite("the HTTP client of URL inputs")
struct HTTPClientTests {
    func fetch(_ answers: [String], path: String = "/debug/pprof/goroutine", timeout: Double? = nil) throws -> [UInt8] {
        let server = try CannedServer(answers)
        return try RemoteFetcher(settings: .init(timeout: timeout)).fetch("http://127.0.0.1:\(server.port)\(path)")
    }

    @Test("Content-Length, chunked and read-to-close bodies")
    func bodies() throws {
        #expect(try fetch(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"]) == Array("hello".utf8))
        #expect(try fetch(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2;x=y\r\nlo\r\n0\r\n\r\n"]) == Array("hello".utf8))
        #expect(try fetch(["HTTP/1.0 200 OK\nContent-Type: text/plain\n\nhello"]) == Array("hello".utf8))
    }

    @Test("a chunk size that is not hex digits (a sign, -1) is an error, not a trap (issue 29, item 1)", arguments: ["-1", "+5", "-0"])
    func signedChunkSize(_ size: String) throws {
        do {
            _ = try fetch(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nhello\r\n0\r\n\r\n"])
            Issue.record("chunk size \(size) was accepted")
        } catch let e as ProfileError {
            #expect(e.message == "cannot fetch: bad chunk size in the answer")
        }
    }

    @Test("any timeout becomes a poll timeout poll takes: none past Int32.max ms, infinity and NaN too (issue 29, item 5)")
    func pollMilliseconds() {
        #expect(HTTPClient.pollMilliseconds(0.0015) == 2)
        #expect(HTTPClient.pollMilliseconds(3_000_000) == Int32.max)
        #expect(HTTPClient.pollMilliseconds(.infinity) == Int32.max)
        #expect(HTTPClient.pollMilliseconds(.nan) == 0)
        #expect(HTTPClient.pollMilliseconds(-5) == 0)
    }

    @Test("a redirect to a path of the same server is followed")
    func redirect() throws {
        #expect(try fetch(["HTTP/1.1 302 Found\r\nLocation: /other\r\nContent-Length: 0\r\n\r\n",
                           "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]) == Array("ok".utf8))
    }

    @Test("a non-200 answer is one line with the status and the body's first line")
    func notFound() throws {
        let server = try CannedServer(["HTTP/1.1 404 Not Found\r\nContent-Length: 20\r\n\r\nUnknown profile\nmore"])
        let url = "http://127.0.0.1:\(server.port)/debug/pprof/nosuch"
        #expect(throws: ProfileError("HTTP 404 Not Found: Unknown profile", file: url)) { try RemoteFetcher().fetch(url) }
    }

    @Test("a body cut short of its Content-Length, and a server too slow for the timeout, are errors naming the URL")
    func failures() throws {
        do {
            _ = try fetch(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"])
            Issue.record("a cut body was accepted")
        } catch let e as ProfileError {
            #expect(e.message == "cannot fetch: the connection closed after 5 of 10 bytes")
        }
        do {
            _ = try fetch([CannedServer.silence], timeout: 0.5)
            Issue.record("no timeout")
        } catch let e as ProfileError {
            #expect(e.message.hasPrefix("no answer within 0.5 s"))
        }
    }

    func fetchError(_ answers: [String], settings: RemoteRequest.Settings = .init()) throws -> ProfileError {
        let server = try CannedServer(answers)
        do {
            _ = try RemoteFetcher(settings: settings).fetch("http://127.0.0.1:\(server.port)/debug/pprof/heap")
        } catch let e as ProfileError {
            return e
        }
        throw ProfileError("the fetch succeeded")
    }

    @Test("a redirect to another host is refused unless followRedirectsAnywhere, and nothing connects to it (issue 29, item 19)")
    func crossHostRedirect() throws {
        let other = try CannedServer(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nthere"], address: "127.0.0.2")
        let hop = "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:\(other.port)/debug/pprof/heap\r\nContent-Length: 0\r\n\r\n"
        let refused = try fetchError([hop])
        #expect(refused.message == "cannot fetch: the server redirects to http://127.0.0.2:\(other.port)/debug/pprof/heap, another host or port; fetch that URL itself if it is meant")
        #expect(refused.hint == .redirect)
        #expect(other.accepted == 0)
        var anywhere = RemoteRequest.Settings()
        anywhere.followRedirectsAnywhere = true
        let server = try CannedServer([hop])
        var told: [String] = []
        let body = try RemoteFetcher(settings: anywhere, progress: { told.append($0) }).fetch("http://127.0.0.1:\(server.port)/debug/pprof/heap")
        #expect(body == Array("there".utf8))
        #expect(told == ["redirected to http://127.0.0.2:\(other.port)/debug/pprof/heap"])
    }

    @Test("a failure after redirects names the whole chain; more than 10 redirects are refused")
    func redirectChains() throws {
        let server = try CannedServer(["HTTP/1.1 302 Found\r\nLocation: /b\r\n\r\n", "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"])
        let base = "http://127.0.0.1:\(server.port)"
        #expect(throws: ProfileError("HTTP 500 Oops", file: "\(base)/a → \(base)/b")) { try RemoteFetcher().fetch(base + "/a") }
        let loop = try fetchError(Array(repeating: "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n", count: 11))
        #expect(loop.message == "cannot fetch: more than 10 redirects")
    }

    @Test("a Location holding a bare CR (a header smuggled into the next request) is refused")
    func smuggledHeader() throws {
        let e = try fetchError(["HTTP/1.1 302 Found\r\nLocation: /good\rX-Injected: yes\r\nContent-Length: 0\r\n\r\n"])
        #expect(e.message == "cannot fetch: a redirect to \"/good\\rX-Injected: yes\", which holds spaces or control characters")
    }

    @Test("interim 1xx answers are skipped; a status that is not three digits from 100 to 599 is no answer")
    func statuses() throws {
        #expect(try fetch(["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]) == Array("ok".utf8))
        for status in ["-200", "+200", "2000", "099", "600"] {
            let e = try fetchError(["HTTP/1.1 \(status) OK\r\nContent-Length: 2\r\n\r\nok"])
            #expect(e.message == "cannot fetch: not an HTTP answer: \"HTTP/1.1 \(status) OK\"")
        }
    }

    @Test("a body encoded other than gzip is refused by name; two different Content-Lengths are refused")
    func encodingsAndLengths() throws {
        let br = try fetchError(["HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 2\r\n\r\nok"])
        #expect(br.message == "cannot fetch: the answer is encoded as \"br\", which profconv does not decode")
        #expect(try fetch(["HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\nok"]) == Array("ok".utf8),
                "gzip is left to the readers, which take gzip")
        let two = try fetchError(["HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk"])
        #expect(two.message == "cannot fetch: the answer has two different Content-Length headers; a proxy or the server is broken")
        #expect(try fetch(["HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"]) == Array("ok".utf8))
    }

    @Test("a body of no profile is refused after its first MiB, whatever its framing; the input cap caps bodies", arguments: [
        "Content-Length: 8388608\r\n", "Transfer-Encoding: chunked\r\n", "",
    ])
    func bodyStartChecked(_ framing: String) throws {
        let zeros = String(repeating: "\0", count: 8 << 20)
        let body = framing.hasPrefix("Transfer") ? "800000\r\n" + zeros + "\r\n0\r\n\r\n" : zeros
        let server = try CannedServer(["HTTP/1.1 200 OK\r\n\(framing)\r\n" + body])
        let url = "http://127.0.0.1:\(server.port)/debug/pprof/heap"
        do {
            _ = try ProfileLoader().read(.url(url))
            Issue.record("8 MiB of zeros were read as a profile")
        } catch let e as ProfileError {
            #expect(e.message.hasPrefix("not a profile profconv can read (it starts with bytes 00 00"), "\(e.message)")
            #expect(e.file == url)
        }
        let small = try CannedServer(["HTTP/1.1 200 OK\r\n\(framing)\r\n" + (framing.hasPrefix("Transfer") ? "7d0\r\n" : "")
                                      + String(repeating: "a 1\n", count: 500) + (framing.hasPrefix("Transfer") ? "\r\n0\r\n\r\n" : "")])
        var options = ReadOptions()
        options.maxInflatedBytes = 1000
        #expect(throws: ProfileError.self) { try ProfileLoader(options: options).read(.url("http://127.0.0.1:\(small.port)/x")) }
    }

    @Test("a server that stops mid-answer gets 'incomplete after N bytes', not 'no answer' (issue 28, point 16)")
    func trickle() throws {
        let e = try fetchError([CannedServer.partial + "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello"], settings: .init(timeout: 0.5))
        #expect(e.message == "the answer was incomplete after 45 bytes when the 0.5 s timeout ran out")
    }

    @Test("a URL that answers with the /debug/pprof/ index page says to fetch a profile under it (issue 28, point 16)")
    func indexPage() throws {
        let server = try CannedServer(["HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 40\r\n\r\n<html><head><title>/debug/pprof/</title>"])
        let url = "http://127.0.0.1:\(server.port)/debug/pprof/"
        let expected = ProfileError("the server answered with an HTML page, not a profile (the /debug/pprof/ index?); fetch a profile under it, "
                                    + "e.g. \(url)goroutine?debug=1, \(url)heap or \(url)profile?seconds=30", file: url)
        do {
            _ = try ProfileLoader().read(.url(url))
            Issue.record("an HTML page was read")
        } catch let e as ProfileError {
            #expect(e.message == expected.message)
            #expect(e.place == .none)
        }
    }
}
