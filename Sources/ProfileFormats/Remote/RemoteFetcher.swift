import ProfileCore

/// Fetches URL inputs from live `/debug/pprof` endpoints: `http://` with
/// `HTTPClient` (blocking, no spinning while the server samples), `https://`
/// through ``secure``, which the caller provides: this library has no TLS,
/// and the CLI's FoundationNetworking does it (its busy wait is the lesser
/// evil for the rarer https endpoints).
public struct RemoteFetcher {
    /// Duration, timeout and size limit of every request.
    public var settings: RemoteRequest.Settings
    /// Told `fetching URL (N s)…` when no answer came within a second.
    public var progress: (String) -> Void
    /// Fetches an `https://` request, throwing `ProfileError`s that name its URL.
    public var secure: ((RemoteRequest) throws -> [UInt8])?

    /// A fetcher; pass `secure` to allow `https://` sources.
    public init(settings: RemoteRequest.Settings = .init(), progress: @escaping (String) -> Void = { _ in },
                secure: ((RemoteRequest) throws -> [UInt8])? = nil) {
        self.settings = settings
        self.progress = progress
        self.secure = secure
    }

    /// The most redirects followed, as many as a browser shows patience for.
    static let maxRedirects = 10

    /// The body of a 200 answer. Any other status, a timeout or a refused
    /// connection throws one line naming the URL, or the chain of URLs a
    /// redirect led through (`A → B`). Redirects stay on the URL's host and
    /// port unless ``RemoteRequest/Settings/followRedirectsAnywhere``; each
    /// one is told to ``progress``.
    ///
    /// `limits` caps the body (below ``RemoteRequest/Settings/maxBodyBytes``
    /// too) and checks its first MiB before the rest is read, as for any
    /// stream (see ``InputBytes/Limits``).
    public func fetch(_ source: String, limits: InputBytes.Limits = .none) throws -> [UInt8] {
        var chain: [String] = []
        do {
            return try fetch(source, limits: limits, chain: &chain)
        } catch var error as ProfileError {
            if chain.count > 1, error.file == chain.last { error.file = chain.joined(separator: " → ") }
            throw error
        }
    }

    private func fetch(_ source: String, limits: InputBytes.Limits, chain: inout [String]) throws -> [UInt8] {
        var request = try RemoteRequest(source, settings: settings)
        let deadline = HTTPClient.now() + request.timeout
        let first = request
        var redirects = 0
        while true {
            chain.append(request.url)
            if request.secure {
                guard let secure else { throw ProfileError("cannot fetch https:// URLs in this build", file: request.url) }
                return try secure(request)
            }
            // net/http/pprof samples a CPU profile for 30 s when not told.
            let cpuDefault = first.target.hasPrefix("/debug/pprof/profile") ? "30 s, the server's default; " : ""
            let wait = first.duration.map { "\($0) s" } ?? "\(cpuDefault)up to \(Self.seconds(first.timeout)) s"
            let url = request.url
            var client = HTTPClient(request: request, deadline: deadline, maxBodyBytes: min(settings.maxBodyBytes, limits.maxBytes),
                                    onSlowStart: redirects == 0 ? { [progress] in progress("fetching \(url) (\(wait))…") } : nil)
            client.checkStart = limits.checkStart
            let answer = try client.get()
            if [301, 302, 303, 307, 308].contains(answer.status), let location = answer.header("location") {
                redirects += 1
                guard redirects <= Self.maxRedirects else {
                    throw ProfileError("cannot fetch: more than \(Self.maxRedirects) redirects", file: request.url)
                }
                let next = try Self.redirect(from: request, to: location, timeout: deadline - HTTPClient.now())
                if !settings.followRedirectsAnywhere,
                   next.host.lowercased() != first.host.lowercased() || next.port != first.port || next.secure != first.secure {
                    throw ProfileError("cannot fetch: the server redirects to \(Escape.oneLine(next.url)), another host or port; "
                                       + "fetch that URL itself if it is meant", file: request.url)
                        .hinting(.redirect, remedy: "set RemoteRequest.Settings.followRedirectsAnywhere to follow it")
                }
                progress("redirected to \(next.url)")
                request = next
                continue
            }
            guard answer.status == 200 else {
                let firstLine = String(decoding: answer.body.prefix(400), as: UTF8.self)
                    .split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map { String($0).trimmingSpaces } ?? ""
                let status = "HTTP \(answer.status) \(answer.reason)".trimmingSpaces
                throw ProfileError(firstLine.isEmpty ? status : "\(status): \(firstLine)", file: request.url)
            }
            return answer.body
        }
    }

    static func redirect(from: RemoteRequest, to location: String, timeout: Double) throws -> RemoteRequest {
        // A CR or LF would go into the next request line as a header of the attacker's.
        guard !location.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) else {
            throw ProfileError("cannot fetch: a redirect to \"\(Escape.oneLine(String(location.prefix(80))))\", which holds spaces or control characters",
                               file: from.url)
        }
        let l = location.lowercased()
        if l.hasPrefix("http://") || l.hasPrefix("https://") {
            return try RemoteRequest(location, settings: .init(timeout: max(timeout, 0.001)))
        }
        guard location.hasPrefix("/") else {
            throw ProfileError("cannot fetch: a redirect to \"\(location.prefix(80))\", not an absolute path", file: from.url)
        }
        var next = from
        next.target = location
        return next
    }

    static func seconds(_ t: Double) -> String { t == t.rounded() ? String(Int(t)) : String(t) }
}
