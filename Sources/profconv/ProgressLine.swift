#if canImport(Glibc)
import Glibc
#endif

/// Files done and total, rate and ETA, on one stderr line redrawn at most
/// ten times a second (only used when stderr is a terminal).
final class ProgressLine {
    private let start = ProgressLine.now()
    private var lastDraw = 0.0

    func update(done: Int, total: Int) {
        let t = ProgressLine.now()
        guard done == total || t - lastDraw >= 0.1 else { return }
        lastDraw = t
        let elapsed = max(t - start, 1e-6)
        let rate = Double(done) / elapsed
        var line = "\r\u{1B}[K\(done)/\(total) files, \(ProgressLine.fixed(rate)) files/s"
        if done < total && rate > 0 { line += ", ETA \(ProgressLine.duration(Double(total - done) / rate))" }
        Console.writeStandardError(line)
    }

    func finish() {
        Console.writeStandardError("\r\u{1B}[K")
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func fixed(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        return s < 60 ? "\(s)s" : "\(s / 60)m\(s % 60 < 10 ? "0" : "")\(s % 60)s"
    }
}
