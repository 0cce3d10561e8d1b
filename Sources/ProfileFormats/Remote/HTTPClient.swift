import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking HTTP/1.1 GET over a POSIX socket, for `http://` URL inputs.
///
/// Why not FoundationNetworking: it drives libcurl's multi interface in a
/// loop that spins (`poll(…, 0)`, 83% of a core measured) while a server
/// samples a CPU profile for `seconds=N`, stealing CPU from the service being
/// profiled. Why not libcurl's easy interface: a fresh machine has no libcurl
/// headers, and `swift build` must work there without extra packages. A
/// `/debug/pprof` endpoint needs little of HTTP: one GET, `Content-Length`
/// or chunked bodies, a redirect or two. Every wait is a `poll` with the
/// time left, so the process sleeps in the kernel until bytes arrive.
struct HTTPClient {
    struct Answer {
        var status: Int
        var reason: String
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            let n = name.lowercased()
            return headers.first { $0.0 == n }?.1
        }
    }

    let request: RemoteRequest
    let deadline: Double
    let maxBodyBytes: Int
    /// Called once when no answer came within a second.
    var onSlowStart: (() -> Void)?
    /// Shown a 200 answer's first ``InputBytes/startCheckBytes`` before more
    /// is read; throws when they cannot start a profile.
    var checkStart: ((UnsafeRawBufferPointer) throws -> Void)?

    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var position = 0
    private var closed = false
    /// The final answer's status, once read.
    private var finalStatus = 0
    /// Bytes received in all (the buffer drops those read).
    private var received = 0

    init(request: RemoteRequest, deadline: Double, maxBodyBytes: Int, onSlowStart: (() -> Void)?) {
        self.request = request
        self.deadline = deadline
        self.maxBodyBytes = maxBodyBytes
        self.onSlowStart = onSlowStart
    }

    /// The monotonic clock, in seconds.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    private func fail(_ message: String) -> ProfileError { ProfileError(message, file: request.url) }
    private var timedOut: ProfileError {
        let t = request.timeout
        let seconds = t == t.rounded() && t.magnitude < 1e15 ? String(Int(t)) : String(t)
        // A server that trickles its answer has answered, slowly: say how far it got.
        let message = received == 0 ? "no answer within \(seconds) s"
            : "the answer was incomplete after \(received) bytes when the \(seconds) s timeout ran out"
        return fail(message).hinting(.timeout, remedy: "give a longer RemoteRequest.timeout if the server is slow")
    }

    mutating func get() throws(ProfileError) -> Answer {
        try openConnection()
        defer { close(fd) }
        let hostHeader = (request.host.contains(":") ? "[\(request.host)]" : request.host) + (request.port == 80 ? "" : ":\(request.port)")
        let head = "GET \(request.target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: profconv\r\nAccept: */*\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"
        try sendAll(Array(head.utf8))
        return try readAnswer()
    }

    private mutating func openConnection() throws(ProfileError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(request.host, String(request.port), &hints, &list)
        guard rc == 0, let first = list else {
            throw fail("cannot fetch: cannot resolve host \(request.host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = ECONNREFUSED
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let a = entry {
            entry = a.pointee.ai_next
            let s = socket(a.pointee.ai_family, a.pointee.ai_socktype, a.pointee.ai_protocol)
            if s < 0 { lastError = errno; continue }
            _ = fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK)
            if connect(s, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 { fd = s; return }
            if errno != EINPROGRESS { lastError = errno; close(s); continue }
            fd = s
            if try !wait(for: Int16(POLLOUT)) { close(s); fd = -1; throw timedOut }
            var err: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len)
            if err == 0 { return }
            lastError = err
            close(s)
            fd = -1
        }
        throw fail("cannot fetch: \(String(cString: strerror(lastError))); is the server running and serving net/http/pprof there?")
    }

    /// Waits in `poll` until `events` or the deadline; false on the deadline.
    private mutating func wait(for events: Int16) throws(ProfileError) -> Bool {
        while true {
            let left = deadline - Self.now()
            if left <= 0 { return false }
            // Wake after a second once, to say the wait is long.
            let slice = onSlowStart != nil ? min(left, 1) : left
            var p = pollfd(fd: fd, events: events, revents: 0)
            let n = poll(&p, 1, Self.pollMilliseconds(slice))
            if n > 0 { return true }
            if n < 0 && errno != EINTR { throw fail("cannot fetch: \(String(cString: strerror(errno)))") }
            if n == 0, let slow = onSlowStart {
                onSlowStart = nil
                slow()
            }
        }
    }

    private mutating func sendAll(_ bytes: [UInt8]) throws(ProfileError) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n > 0 { sent += n; continue }
            if n < 0 && (errno == EAGAIN || errno == EINTR) {
                if try !wait(for: Int16(POLLOUT)) { throw timedOut }
                continue
            }
            throw fail("cannot fetch: sending the request failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads more bytes into `buffer`; false at the end of the stream.
    private mutating func fill() throws(ProfileError) -> Bool {
        if closed { return false }
        if position > 65536 && position * 2 > buffer.count {
            buffer.removeFirst(position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n > 0 {
                onSlowStart = nil
                received += n
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n == 0 { closed = true; return false }
            if errno == EAGAIN || errno == EINTR {
                if try !wait(for: Int16(POLLIN)) { throw timedOut }
                continue
            }
            throw fail("cannot fetch: reading the answer failed: \(String(cString: strerror(errno)))")
        }
    }

    /// One line ending in CRLF (or LF), without it.
    private mutating func line(limit: Int = 65536) throws(ProfileError) -> [UInt8] {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                var end = nl
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                let l = Array(buffer[position..<end])
                position = nl + 1
                return l
            }
            if buffer.count - position > limit { throw fail("cannot fetch: an answer line longer than \(limit) bytes: not an HTTP server?") }
            if try !fill() { throw fail("cannot fetch: the connection closed in the middle of the answer's header") }
        }
    }

    private mutating func readAnswer() throws(ProfileError) -> Answer {
        // Interim answers (100 Continue, 103 Early Hints) come before the final one.
        for _ in 0..<10 {
            let answer = try readOneAnswer()
            if answer.status >= 200 { return answer }
        }
        throw fail("cannot fetch: ten interim (1xx) answers and no final one")
    }

    private mutating func readOneAnswer() throws(ProfileError) -> Answer {
        let status = String(decoding: try line(), as: UTF8.self)
        let parts = status.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        // A status is three digits, 100 to 599: no sign, no more.
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].utf8.count == 3,
              parts[1].utf8.allSatisfy(Digits.isDigit), let code = Int(parts[1]), (100...599).contains(code) else {
            throw fail("cannot fetch: not an HTTP answer: \"\(Escape.oneLine(String(status.prefix(60))))\"")
        }
        var headers: [(String, String)] = []
        while true {
            let l = try line()
            if l.isEmpty { break }
            guard let colon = l.firstIndex(of: UInt8(ascii: ":")), headers.count < 200 else {
                throw fail("cannot fetch: bad header line in the answer")
            }
            let name = String(decoding: l[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: l[(colon + 1)...], as: UTF8.self).trimmingSpaces
            headers.append((name, value))
        }
        var answer = Answer(status: code, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
        if code < 200 { return answer }  // interim: no body
        finalStatus = code
        // gzip bodies are read as gzip files are; nothing else was asked for.
        if let encoding = answer.header("content-encoding")?.lowercased(), !["identity", "gzip", "x-gzip"].contains(encoding) {
            throw fail("cannot fetch: the answer is encoded as \"\(Escape.oneLine(String(encoding.prefix(40))))\", which profconv does not decode")
        }
        let lengths = Set(headers.filter { $0.0 == "content-length" }.map(\.1))
        if lengths.count > 1 { throw fail("cannot fetch: the answer has two different Content-Length headers; a proxy or the server is broken") }
        if let te = answer.header("transfer-encoding"), te.lowercased().contains("chunked") {
            answer.body = try chunkedBody()
        } else if let cl = answer.header("content-length") {
            guard let n = Int(cl), n >= 0 else { throw fail("cannot fetch: bad Content-Length \"\(cl)\"") }
            try checkSize(n)
            answer.body = try bytes(n)
        } else {
            // (Checked before each read and after the last: the body may have come with the header.)
            repeat {
                try checkSize(buffer.count - position)
                try checkStartIfDue(buffer[position...])
            } while try fill()
            try checkSize(buffer.count - position)
            answer.body = Array(buffer[position...])
        }
        return answer
    }

    /// `seconds` as poll's timeout in milliseconds, at most Int32.max (about
    /// 24 days; the loop polls again): a long or infinite timeout must not trap.
    static func pollMilliseconds(_ seconds: Double) -> Int32 {
        guard seconds.isFinite else { return seconds > 0 ? Int32.max : 0 }
        return Int32(min(max((seconds * 1000).rounded(.up), 0), Double(Int32.max)))
    }

    /// Runs ``checkStart`` once `body` holds enough of a 200 answer.
    private mutating func checkStartIfDue(_ body: ArraySlice<UInt8>) throws(ProfileError) {
        guard let check = checkStart, body.count >= InputBytes.startCheckBytes, finalStatus == 200 else { return }
        checkStart = nil
        do {
            try body.prefix(InputBytes.startCheckBytes).withUnsafeBytes { try check($0) }
        } catch let e as ProfileError {
            throw e
        } catch {
            throw fail("\(error)")
        }
    }

    private func checkSize(_ n: Int) throws(ProfileError) {
        if n > maxBodyBytes { throw fail("the answer is larger than \(maxBodyBytes) bytes, the most accepted") }
    }

    private mutating func bytes(_ n: Int, bodySoFar: Int = 0) throws(ProfileError) -> [UInt8] {
        while buffer.count - position < n {
            if try !fill() { throw fail("cannot fetch: the connection closed after \(buffer.count - position) of \(n) bytes") }
            if bodySoFar == 0 { try checkStartIfDue(buffer[position...]) }
        }
        let out = Array(buffer[position..<(position + n)])
        position += n
        return out
    }

    private mutating func chunkedBody() throws(ProfileError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try line()
            let hex = sizeLine.prefix { $0 != UInt8(ascii: ";") && $0 != 0x20 }
            // Hex digits only: `Int(_:radix:)` also takes a sign, and a chunk of -1 bytes is no chunk.
            guard !hex.isEmpty, hex.count <= 15, hex.allSatisfy(Digits.isHexDigit),
                  let n = Int(String(decoding: hex, as: UTF8.self), radix: 16) else {
                throw fail("cannot fetch: bad chunk size in the answer")
            }
            if n == 0 {
                while try !line().isEmpty {}  // trailers
                return body
            }
            try checkSize(body.count + n)
            body += try bytes(n, bodySoFar: body.count)
            try checkStartIfDue(body[...])
            guard try line().isEmpty else { throw fail("cannot fetch: a chunk of the answer does not end where its size says") }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        let u = utf8
        guard let s = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let e = u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        return String(self[s...e])
    }
}
