import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Snapshots of a live goroutine endpoint taken over time, for
/// `LeakAnalysis`: `profconv leaks --every 30s --count 5 URL`.
public struct LeakWatch {
    /// The goroutine endpoint, as `RemoteRequest` parses it.
    public var url: String
    /// Seconds between the starts of two snapshots.
    public var every: Double
    /// How many snapshots to take.
    public var count: Int
    /// Where to keep each fetched body, named by ``SnapshotName``.
    public var saveDirectory: String?
    /// Options for reading each snapshot.
    public var read = ReadOptions()
    /// What fetches each snapshot.
    public var fetcher: RemoteFetcher
    /// One line per snapshot: time, goroutine total, change since the first.
    public var progress: (String) -> Void = { _ in }
    /// Given each snapshot as it is taken (so an interrupted watch can still report them).
    public var taken: (LeakAnalysis.Snapshot) -> Void = { _ in }

    /// A watch taking `count` snapshots of `url`, `every` seconds apart.
    public init(url: String, every: Double, count: Int, fetcher: RemoteFetcher) {
        self.url = url
        self.every = every
        self.count = count
        self.fetcher = fetcher
    }

    /// Takes the snapshots, `every` seconds apart from start to start (at
    /// once when a fetch took longer), each given the wall-clock time it was
    /// asked for unless it records its own (`debug=0`).
    public func run() throws -> [LeakAnalysis.Snapshot] {
        var snapshots: [LeakAnalysis.Snapshot] = []
        let start = HTTPClient.now()
        var firstTotal: Int64 = 0
        // The progress line per snapshot says enough: no `fetching …` lines
        // for dumps that take the server a second to write.
        var fetcher = self.fetcher
        fetcher.progress = { _ in }
        if let dir = saveDirectory {
            if mkdir(dir, 0o755) != 0 && errno != EEXIST || access(dir, W_OK | X_OK) != 0 {
                throw ProfileError("cannot create the directory for the snapshots, or write in it: \(String(cString: strerror(errno)))", file: dir)
                    .hinting(.saveDirectory, remedy: "set LeakWatch.saveDirectory to a directory that can be made")
            }
        }
        for i in 0..<count {
            Self.sleep(until: start + Double(i) * every)
            let wall = Self.wallClockNanos()
            let body = try fetcher.fetch(url)
            var decoded: FormatRegistry.Decoded
            do {
                decoded = try FormatRegistry.read(body, options: read)
            } catch let error as ProfileError {
                throw error.inFile(url)
            }
            if decoded.profile.timeNanos == 0 { decoded.profile.timeNanos = wall }
            var name = url
            if let dir = saveDirectory {
                name = dir + "/" + SnapshotName.make(timeNanos: wall, format: decoded.format, gzipped: decoded.wasGzipped)
                try Self.save(body, to: name)
            }
            let total = decoded.profile.totals().first ?? 0
            if i == 0 { firstTotal = total }
            let change = total - firstTotal
            let time = CivilTime(unixNanos: wall)
            func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
            progress("\(two(time.hour)):\(two(time.minute)):\(two(time.second)) snapshot \(i + 1)/\(count): "
                     + "\(FlameGraphWriter.grouped(total)) goroutines"
                     + (i == 0 ? "" : " (\(change >= 0 ? "+" : "")\(FlameGraphWriter.grouped(change)) since the first)"))
            snapshots.append(LeakAnalysis.Snapshot(name: name, profile: decoded.profile))
            taken(snapshots[snapshots.count - 1])
        }
        return snapshots
    }

    static func wallClockNanos() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }

    /// Sleeps in the kernel (no polling) until the monotonic clock reaches `t`.
    static func sleep(until t: Double) {
        while true {
            // A day at a time: `--every` may be longer than a timespec holds.
            let left = min(t - HTTPClient.now(), 86_400)
            if !(left > 0) { return }
            var ts = timespec(tv_sec: Int(left), tv_nsec: Int((left - left.rounded(.down)) * 1e9))
            _ = nanosleep(&ts, nil)
        }
    }

    /// Writes a new file; an existing one is an error, never overwritten.
    static func save(_ body: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ProfileError("cannot save the snapshot: \(String(cString: strerror(errno)))", file: path)
        }
        defer { close(fd) }
        var written = 0
        while written < body.count {
            let n = body.withUnsafeBytes { write(fd, $0.baseAddress! + written, body.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ProfileError("cannot save the snapshot: \(String(cString: strerror(errno)))", file: path) }
            written += n
        }
    }
}

extension LeakAnalysis.Snapshot {
    /// The snapshot of a file or URL as given; a saved one (`goroutine-TIME.…`)
    /// that records no time gets it back from its name, so `leaks DIR/*` and
    /// `report DIR/*` order and date the snapshots alike.
    public static func named(_ name: String, profile: Profile) -> LeakAnalysis.Snapshot {
        var profile = profile
        if profile.timeNanos == 0, let t = SnapshotName.time(of: name) { profile.timeNanos = t }
        return LeakAnalysis.Snapshot(name: name, profile: profile)
    }
}

/// Names of saved snapshots: `goroutine-20261201T191209.123Z.debug2.txt`.
/// The UTC time, fixed width, comes first, so `DIR/*` lists them in the
/// order they were taken, and ``time(of:)`` gives text snapshots (which
/// record no time) their time back when they are read again.
public enum SnapshotName {
    /// The file name of a snapshot taken at `timeNanos`, with the extension of `format` (`pb.gz` for gzipped pprof): the names sort by time.
    public static func make(timeNanos: Int64, format: any ProfileFormat.Type, gzipped: Bool) -> String {
        let t = CivilTime(unixNanos: timeNanos)
        func pad(_ v: Int64, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        let millis = (timeNanos % 1_000_000_000) / 1_000_000
        let stamp = pad(t.year, 4) + pad(t.month, 2) + pad(t.day, 2) + "T" + pad(t.hour, 2) + pad(t.minute, 2) + pad(t.second, 2)
            + "." + pad(millis, 3) + "Z"
        let ext: String
        switch format.name {
        case PprofFormat.name: ext = gzipped ? "pb.gz" : "pb"
        default: ext = format.extensions.first ?? format.name
        }
        return "goroutine-\(stamp).\(ext)"
    }

    /// The time in a saved snapshot's file name (any directory), in Unix
    /// nanoseconds; nil for other names.
    public static func time(of path: String) -> Int64? {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let u = Array(base.utf8)
        // goroutine-YYYYMMDDTHHMMSS.mmmZ.
        let prefix = Array("goroutine-".utf8)
        guard u.count >= prefix.count + 21, Array(u[0..<prefix.count]) == prefix else { return nil }
        let s = Array(u[prefix.count..<(prefix.count + 21)])
        guard s[8] == UInt8(ascii: "T"), s[15] == UInt8(ascii: "."), s[19] == UInt8(ascii: "Z"), s[20] == UInt8(ascii: ".") else { return nil }
        func number(_ r: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for b in s[r] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int64(b - 0x30)
            }
            return v
        }
        guard let y = number(0..<4), let mo = number(4..<6), let d = number(6..<8), let h = number(9..<11),
              let mi = number(11..<13), let se = number(13..<15), let ms = number(16..<19),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, se < 61 else { return nil }
        let seconds = CivilTime(year: y, month: mo, day: d, hour: h, minute: mi, second: se).unixSeconds
        return seconds * 1_000_000_000 + ms * 1_000_000
    }
}

extension LeakWatch {
    /// `30s`, `2m`, `500ms`, `1h`, `1.5s` or a plain number of seconds;
    /// nil for anything else.
    public static func seconds(_ duration: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where duration.hasSuffix(suffix) {
            let number = duration.dropLast(suffix.count)
            // `ms` ends in `s` too: only a number before the suffix counts.
            if let v = Double(number), v.isFinite, v >= 0, !number.contains(where: { $0.isLetter }) { return v * scale }
        }
        if let v = Double(duration), v.isFinite, v >= 0 { return v }
        return nil
    }
}
