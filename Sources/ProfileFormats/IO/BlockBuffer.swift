/// A raw output buffer for writers whose inner loop copies many short byte
/// runs. The writer keeps the write position in a local pointer (a class
/// field would be reloaded and stored after every byte written through a
/// pointer) and checks it against ``limit``: below it there is always room
/// for ``slack`` more bytes, enough for a separator, a number and a newline,
/// or the overrun of ``copy(_:count:to:)``. Full blocks, at least
/// ``blockSize`` bytes, go to a ``ByteSink``, which passes blocks that large
/// straight to its file.
final class BlockBuffer {
    /// The size of the blocks handed to the sink (the sink's own chunk size).
    static let blockSize = 1 << 20
    /// Bytes that may be written past ``limit`` without a check.
    static let slack = 64
    /// How many readable bytes ``copy(_:count:to:)`` needs past its source.
    static let padding = 16

    private let sink: ByteSink
    /// Where the buffer starts: the write position after a flush.
    private(set) var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The write position may pass this only by ``slack`` bytes.
    private(set) var limit: UnsafeMutablePointer<UInt8>

    /// A buffer that flushes to `sink`.
    init(to sink: ByteSink) {
        self.sink = sink
        capacity = 2 * Self.blockSize
        start = .allocate(capacity: capacity)
        limit = start + (capacity - Self.slack)
    }

    deinit { start.deallocate() }

    /// Hands the bytes before `at` to the sink once they make a block;
    /// returns the write position.
    @inline(__always) func flushIfFull(_ at: UnsafeMutablePointer<UInt8>) throws -> UnsafeMutablePointer<UInt8> {
        at - start >= Self.blockSize ? try flush(at) : at
    }

    /// Hands the bytes before `at` to the sink; returns ``start``.
    func flush(_ at: UnsafeMutablePointer<UInt8>) throws -> UnsafeMutablePointer<UInt8> {
        if at > start { try sink.write(UnsafeRawBufferPointer(start: start, count: at - start)) }
        return start
    }

    /// Makes room for `n` bytes (and ``slack``) at the write position
    /// `at`: flushes, and grows the buffer for a name longer than it.
    /// Returns the new write position.
    func room(_ n: Int, at: UnsafeMutablePointer<UInt8>) throws -> UnsafeMutablePointer<UInt8> {
        _ = try flush(at)
        if n + Self.slack > capacity {
            start.deallocate()
            capacity = n + Self.slack
            start = .allocate(capacity: capacity)
            limit = start + (capacity - Self.slack)
        }
        return start
    }

    /// Copies `n` bytes from `from` to `to` sixteen at a time, inline: a
    /// `memcpy` call costs more than the copy for names of a few dozen
    /// bytes. Reads and stores up to 15 bytes past the `n`: `from` must have
    /// ``padding`` readable bytes after them, `to` ``slack`` writable ones,
    /// and what is stored past the end is the next write's to overwrite.
    @inline(__always) static func copy(_ from: UnsafeRawPointer, count n: Int, to: UnsafeMutablePointer<UInt8>) {
        let to = UnsafeMutableRawPointer(to)
        var k = 0
        while k < n {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: k &+ 8, as: UInt64.self), toByteOffset: k &+ 8, as: UInt64.self)
            k &+= 16
        }
    }
}

/// Decimal formatting without a `String` and without a division per digit.
enum DecimalDigits {
    /// "00" "01" … "99": two digits per table entry.
    private static let pairs: [UInt8] = {
        var table: [UInt8] = []
        for i in 0..<100 {
            table.append(UInt8(48 + i / 10))
            table.append(UInt8(48 + i % 10))
        }
        return table
    }()

    /// The number of decimal digits of `v`.
    @inline(__always) static func count(_ v: UInt64) -> Int {
        var n = 1, t = v
        while t >= 10_000 { t /= 10_000; n += 4 }
        if t >= 100 { t /= 100; n += 2 }
        return t >= 10 ? n + 1 : n
    }

    /// Writes `v` in decimal at `p` and returns the number of bytes (at most 20).
    @inline(__always) static func write(_ v: UInt64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let n = count(v)
        var i = n, v = v
        pairs.withUnsafeBufferPointer { table in
            while v >= 100 {
                let r = Int(v % 100)
                v /= 100
                i -= 2
                p[i] = table[2 * r]
                p[i + 1] = table[2 * r + 1]
            }
            if v >= 10 {
                p[i - 2] = table[2 * Int(v)]
                p[i - 1] = table[2 * Int(v) + 1]
            } else {
                p[i - 1] = UInt8(48 + v)
            }
        }
        return n
    }

    /// Writes `v` in decimal, `-` first when negative; returns the number of bytes (at most 20).
    @inline(__always) static func write(_ v: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard v < 0 else { return write(v.magnitude, to: p) }
        p[0] = UInt8(ascii: "-")
        return 1 + write(v.magnitude, to: p + 1)
    }
}
