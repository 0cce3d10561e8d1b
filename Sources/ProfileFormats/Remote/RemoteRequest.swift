import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to fetch for a URL input, the way `go tool pprof URL` decides it
/// (its `adjustURL`): `http://`, `https://`, or a bare `host:port[/path]`
/// read as `http://`; no path means `/debug/pprof/profile`; `seconds`
/// sets the URL's `seconds=N`; the timeout follows the profile's duration.
public struct RemoteRequest: Equatable, Sendable {
    /// `https://` rather than `http://`.
    public var secure: Bool
    /// The host name or address, without brackets.
    public var host: String
    /// The port; 80 or 443 when the URL names none.
    public var port: Int
    /// The path and query, as sent on the request line.
    public var target: String
    /// The profile's duration in seconds, when the URL asks for one.
    public var duration: Int?
    /// Seconds to wait for the whole answer.
    public var timeout: Double

    /// The absolute URL, as errors and progress lines name it.
    public var url: String {
        let defaultPort = secure ? 443 : 80
        let h = host.contains(":") ? "[\(host)]" : host
        return (secure ? "https://" : "http://") + h + (port == defaultPort ? "" : ":\(port)") + target
    }

    /// Options of URL inputs.
    public struct Settings: Sendable {
        /// The profile's duration (`seconds=N`), as `go tool pprof -seconds`.
        public var seconds: Int?
        /// Seconds to wait; nil: the duration plus half of it, at least 10 s
        /// more, else 60 s.
        public var timeout: Double?
        /// The largest answer body accepted.
        public var maxBodyBytes = 1 << 30
        /// Whether a redirect may lead to another host or port than the URL's:
        /// by default it may not, so a server cannot send profconv on to
        /// another machine (or to a service on this one).
        public var followRedirectsAnywhere = false
        /// Settings with a profile duration of `seconds` and a timeout of `timeout` seconds; nil for the defaults.
        public init(seconds: Int? = nil, timeout: Double? = nil) {
            self.seconds = seconds
            self.timeout = timeout
        }
    }

    /// Whether `source` names a URL rather than a file: `http://`,
    /// `https://`, or `host:port` (optionally `/path`) that is not an
    /// existing file, as pprof accepts it.
    public static func isURL(_ source: String) -> Bool {
        let l = source.lowercased()
        if l.hasPrefix("http://") || l.hasPrefix("https://") { return true }
        guard Authority.schemeless(source[...]) != nil else { return false }
        return access(source, F_OK) != 0
    }

    /// Parses `source`: an `http://` or `https://` URL, or a bare `host:port[/path]`; throws when it names no server.
    public init(_ source: String, settings: Settings = Settings()) throws(ProfileError) {
        var rest = source[...]
        let l = source.lowercased()
        if l.hasPrefix("https://") {
            secure = true
            rest = rest.dropFirst(8)
        } else {
            secure = false
            if l.hasPrefix("http://") { rest = rest.dropFirst(7) }
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let authority = Authority(rest[..<authorityEnd], defaultPort: secure ? 443 : 80) else {
            throw ProfileError("not a valid URL: give http://HOST:PORT/PATH or HOST:PORT", file: source)
        }
        host = authority.host
        port = authority.port
        var tail = rest[authorityEnd...]
        if let hash = tail.firstIndex(of: "#") { tail = tail[..<hash] }
        let queryStart = tail.firstIndex(of: "?")
        var path = String(tail[..<(queryStart ?? tail.endIndex)])
        var query = queryStart.map { tail[tail.index(after: $0)...].split(separator: "&").map(String.init) } ?? []
        if path.isEmpty || path == "/" { path = "/debug/pprof/profile" }
        guard !path.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }), !query.joined().utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw ProfileError("not a valid URL: spaces and control characters must be %-encoded", file: source)
        }
        if let seconds = settings.seconds, seconds > 0 {
            query.removeAll { $0 == "seconds" || $0.hasPrefix("seconds=") }
            query.append("seconds=\(seconds)")
            duration = seconds
        } else if let s = query.last(where: { $0.hasPrefix("seconds=") }), let n = Int(s.dropFirst(8)), n > 0 {
            duration = n
        } else {
            duration = nil
        }
        target = path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        // pprof waits 1.5 × the duration; a short profile gets at least 10 s
        // more, as the server may be slow to answer even after the duration.
        timeout = settings.timeout ?? duration.map { Double($0) + max(Double($0) / 2, 10) } ?? 60
    }

    /// `host:port`, `host`, `[v6]:port`: letters, digits, `.`, `-`, `_`.
    struct Authority {
        var host: String
        var port: Int

        /// With `defaultPort` nil the port is required (a schemeless source).
        init?(_ s: Substring, defaultPort: Int?) {
            var hostPart = s, portPart: Substring?
            if s.hasPrefix("[") {
                guard let close = s.firstIndex(of: "]") else { return nil }
                hostPart = s[s.index(after: s.startIndex)..<close]
                let after = s[s.index(after: close)...]
                if !after.isEmpty {
                    guard after.hasPrefix(":") else { return nil }
                    portPart = after.dropFirst()
                }
            } else if let colon = s.lastIndex(of: ":") {
                hostPart = s[..<colon]
                portPart = s[s.index(after: colon)...]
            }
            let hostChars = hostPart.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2E || $0 == 0x2D || $0 == 0x5F || $0 == 0x3A
            }
            guard !hostPart.isEmpty, hostChars else { return nil }
            if let portPart {
                guard let p = Int(portPart), p > 0, p < 65536, portPart.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                port = p
            } else if let defaultPort {
                port = defaultPort
            } else {
                return nil
            }
            host = String(hostPart)
        }

        /// A schemeless source: `host:port` then nothing, `/…` or `?…`.
        static func schemeless(_ source: Substring) -> Authority? {
            let end = source.firstIndex { $0 == "/" || $0 == "?" } ?? source.endIndex
            return Authority(source[..<end], defaultPort: nil)
        }
    }
}
