import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ProfileCore
import ProfileFormats

/// Fetching URL inputs: the library's ``RemoteFetcher`` (plain HTTP over a
/// socket, blocking quietly), with FoundationNetworking for `https://` only.
enum RemoteProfile {
    static func fetcher(_ settings: RemoteRequest.Settings) -> RemoteFetcher {
        let anywhere = settings.followRedirectsAnywhere
        return RemoteFetcher(settings: settings, progress: { Console.printError("profconv: \($0)") },
                             secure: { try fetchSecure($0, followRedirectsAnywhere: anywhere) })
    }

    /// Keeps URLSession's redirects on the first URL's host and port, as
    /// ``RemoteFetcher`` keeps its own.
    final class RedirectGuard: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        // why @unchecked: `refused` is written on the session's queue before
        // the task completes, and read only after `done.wait()`.
        let anywhere: Bool
        var refused: String?
        init(anywhere: Bool) { self.anywhere = anywhere }

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            let from = task.originalRequest?.url, to = request.url
            if anywhere || (from?.host?.lowercased() == to?.host?.lowercased() && from?.port == to?.port && from?.scheme == to?.scheme) {
                completionHandler(request)
            } else {
                refused = to?.absoluteString ?? "?"
                completionHandler(nil)
            }
        }
    }

    /// An `https://` request through URLSession.
    static func fetchSecure(_ request: RemoteRequest, followRedirectsAnywhere: Bool) throws -> [UInt8] {
        guard let url = URL(string: request.url) else { throw ProfileError("not a valid URL", file: request.url) }
        let timeout = request.timeout
        let config = URLSessionConfiguration.ephemeral
        // libcurl underneath counts whole seconds: round up, never down to 0.
        config.timeoutIntervalForRequest = timeout.rounded(.up)
        config.timeoutIntervalForResource = timeout.rounded(.up)
        let redirects = RedirectGuard(anywhere: followRedirectsAnywhere)
        let session = URLSession(configuration: config, delegate: redirects, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        // why nonisolated(unsafe): written once by the completion handler, read after `done.wait()`.
        nonisolated(unsafe) var answer: (Data?, URLResponse?, Error?) = (nil, nil, nil)
        session.dataTask(with: url) { data, response, error in
            answer = (data, response, error)
            done.signal()
        }.resume()
        // The session has its own timeout; this one only guards against a
        // session that never calls back.
        let noAnswer = ProfileError("no answer within \(RemoteFetcherSeconds.format(timeout)) s; give a longer --timeout if the server is slow", file: request.url)
        if done.wait(timeout: .now() + timeout + 5) == .timedOut { throw noAnswer }
        if let error = answer.2 {
            let e = error as NSError
            if e.domain == NSURLErrorDomain && e.code == NSURLErrorTimedOut { throw noAnswer }
            throw ProfileError("cannot fetch: \(e.localizedDescription)", file: request.url)
        }
        if let refused = redirects.refused {
            throw ProfileError("cannot fetch: the server redirects to \(Escape.oneLine(refused)), another host or port; "
                               + "fetch that URL itself if it is meant; or give --follow-redirects-anywhere", file: request.url)
        }
        guard let http = answer.1 as? HTTPURLResponse else {
            throw ProfileError("cannot fetch: no HTTP answer", file: request.url)
        }
        let body = answer.0 ?? Data()
        guard http.statusCode == 200 else {
            let firstLine = String(decoding: body.prefix(400), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            let status = "HTTP \(http.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: http.statusCode))"
            throw ProfileError(firstLine.isEmpty ? status : "\(status): \(firstLine)", file: request.url)
        }
        return [UInt8](body)
    }
}

enum RemoteFetcherSeconds {
    static func format(_ t: Double) -> String { t == t.rounded() ? String(Int(t)) : String(t) }
}
