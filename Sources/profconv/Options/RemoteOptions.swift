import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ProfileCore

/// `--seconds` and `--timeout` for inputs that are `http://` or `https://` URLs.
struct RemoteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "For URL inputs: the profile's duration, set as the URL's seconds=N (as go tool pprof -seconds does).",
        valueName: "n"))
    var seconds: Int?

    @Option(name: .long, help: ArgumentHelp(
        "For URL inputs: give up after this many seconds (default: the duration plus half of it, at least 10 s more; else 60).",
        valueName: "seconds"))
    var timeout: Double?

    var settings: RemoteProfile.Settings { .init(seconds: seconds, timeout: timeout) }
}

/// Fetching a profile from a live `/debug/pprof` endpoint, the way
/// `go tool pprof URL` does: a bare host means `/debug/pprof/profile`,
/// `--seconds` sets `seconds=N`, and the timeout follows the duration.
enum RemoteProfile {
    struct Settings {
        var seconds: Int?
        var timeout: Double?
    }

    static func isURL(_ s: String) -> Bool {
        let l = s.lowercased()
        return l.hasPrefix("http://") || l.hasPrefix("https://")
    }

    /// The URL to fetch and how long to wait for it (pprof's `adjustURL`).
    static func request(_ source: String, _ settings: Settings) throws -> (URL, TimeInterval) {
        guard var parts = URLComponents(string: source), parts.host?.isEmpty == false else {
            throw ProfileError("not a valid URL", file: source)
        }
        if parts.path.isEmpty || parts.path == "/" { parts.path = "/debug/pprof/profile" }
        var query = parts.queryItems ?? []
        var duration: Int?
        if let seconds = settings.seconds, seconds > 0 {
            query.removeAll { $0.name == "seconds" }
            query.append(URLQueryItem(name: "seconds", value: String(seconds)))
            duration = seconds
        } else if let s = query.first(where: { $0.name == "seconds" })?.value, let n = Int(s), n > 0 {
            duration = n
        }
        parts.queryItems = query.isEmpty ? nil : query
        guard let url = parts.url else { throw ProfileError("not a valid URL", file: source) }
        // pprof waits 1.5 × the duration; a short profile gets at least 10 s
        // more, as the server may be slow to answer even after the duration.
        let timeout = settings.timeout ?? duration.map { Double($0) + max(Double($0) / 2, 10) } ?? 60
        return (url, timeout)
    }

    /// The body of a 200 answer. Anything else, a timeout or a refused
    /// connection throws one line naming the URL.
    static func fetch(_ source: String, _ settings: Settings) throws -> [UInt8] {
        let (url, timeout) = try request(source, settings)
        let config = URLSessionConfiguration.ephemeral
        // libcurl underneath counts whole seconds: round up, never down to 0.
        config.timeoutIntervalForRequest = timeout.rounded(.up)
        config.timeoutIntervalForResource = timeout.rounded(.up)
        let session = URLSession(configuration: config)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: (Data?, URLResponse?, Error?) = (nil, nil, nil)
        session.dataTask(with: url) { data, response, error in
            answer = (data, response, error)
            done.signal()
        }.resume()
        // The session has its own timeout; this one only guards against a
        // session that never calls back.
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            throw ProfileError("no answer within \(format(timeout)) s", file: url.absoluteString)
        }
        if let error = answer.2 {
            let e = error as NSError
            if e.domain == NSURLErrorDomain && e.code == NSURLErrorTimedOut {
                throw ProfileError("no answer within \(format(timeout)) s", file: url.absoluteString)
            }
            throw ProfileError("cannot fetch: \(e.localizedDescription)", file: url.absoluteString)
        }
        guard let http = answer.1 as? HTTPURLResponse else {
            throw ProfileError("cannot fetch: no HTTP answer", file: url.absoluteString)
        }
        let body = answer.0 ?? Data()
        guard http.statusCode == 200 else {
            let firstLine = String(decoding: body.prefix(400), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            let status = "HTTP \(http.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: http.statusCode))"
            throw ProfileError(firstLine.isEmpty ? status : "\(status): \(firstLine)", file: url.absoluteString)
        }
        return [UInt8](body)
    }

    private static func format(_ t: Double) -> String {
        t == t.rounded() ? String(Int(t)) : String(t)
    }
}
