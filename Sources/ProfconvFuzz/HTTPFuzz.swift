#if canImport(Glibc)
import Glibc
#endif
import ProfileCore
import ProfileFormats

/// The HTTP client under libFuzzer: each input is the whole answer of a
/// server on 127.0.0.1 (status line, headers, body), fetched as a URL input
/// is (``ProfileLoader``: the input cap and the first-MiB check included) and
/// read. A redirect is answered with the same bytes again. A thrown
/// ``ProfileError`` is fine; a trap, crash or hang is a bug.
enum HTTPFuzz {
    static let target = "http"

    // why nonisolated(unsafe): made once in LLVMFuzzerInitialize, before any input.
    nonisolated(unsafe) static var server: LoopbackServer?

    static func start() {
        server = LoopbackServer()
    }

    static func run(_ bytes: [UInt8]) {
        guard let server else { fatalError("the loopback server did not start") }
        server.answer = bytes
        var options = ReadOptions()
        options.maxInflatedBytes = 16 << 20
        var settings = RemoteRequest.Settings(timeout: 2)
        settings.maxBodyBytes = 16 << 20
        let fetcher = RemoteFetcher(settings: settings)
        let loader = ProfileLoader(options: options, fetch: { try fetcher.fetch($0, limits: $1) })
        do {
            _ = try loader.read(.url("http://127.0.0.1:\(server.port)/debug/pprof/goroutine?debug=1"))
        } catch is ProfileError {
        } catch {
            fatalError("fetching threw a non-ProfileError: \(error)")
        }
    }
}

/// A server on 127.0.0.1 that reads each request's head, sends ``answer``
/// and closes the connection, on a thread of its own.
final class LoopbackServer: @unchecked Sendable {
    // why @unchecked: `answer` is set by the fuzzer's thread only while no
    // request is in flight (fetching is synchronous), and read by the server's.
    var answer: [UInt8] = []
    let port: Int
    private let fd: Int32

    init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 16) == 0 else { fatalError("cannot listen on 127.0.0.1") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        var thread = pthread_t()
        let me = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, nil, { arg in
            Unmanaged<LoopbackServer>.fromOpaque(arg!).takeUnretainedValue().serve()
        }, me)
        pthread_detach(thread)
    }

    private func serve() -> Never {
        var request = [UInt8](repeating: 0, count: 8192)
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { continue }
            // The request's head: until a blank line, or what fits.
            var got = 0
            while got < request.count {
                let n = request.withUnsafeMutableBytes { recv(c, $0.baseAddress! + got, $0.count - got, 0) }
                if n <= 0 { break }
                got += n
                if Self.endsHead(request[..<got]) { break }
            }
            let bytes = answer
            _ = bytes.withUnsafeBytes { send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(c)
        }
    }

    /// Whether `head` holds a blank line (CRLF CRLF).
    private static func endsHead(_ head: ArraySlice<UInt8>) -> Bool {
        var i = head.startIndex
        while i + 3 < head.endIndex {
            if head[i] == 0x0D && head[i + 1] == 0x0A && head[i + 2] == 0x0D && head[i + 3] == 0x0A { return true }
            i += 1
        }
        return false
    }
}
