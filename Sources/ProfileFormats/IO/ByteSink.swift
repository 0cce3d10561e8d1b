import ProfileCore

/// A buffered byte output. Writers append bytes, strings and numbers; full
/// buffers go to `drain` (a file, a gzip stream) in large chunks, so a writer
/// never concatenates `String`s and never holds a whole large output.
///
/// A sink made with ``init()`` keeps everything in memory (``bytes``).
public final class ByteSink {
    private var buffer: [UInt8] = []
    private let drain: ((UnsafeRawBufferPointer) throws -> Void)?
    private let chunkSize: Int
    /// Bytes handed to `drain` so far, plus what is buffered.
    public private(set) var count = 0
    /// What the writer wants the user to know (output it could not give
    /// whole, say). Every writer has its sink at hand, and the output
    /// stage, which owns the sink, prints these once in the CLI's style.
    public private(set) var warnings = Warnings()

    /// Records a warning for the output stage to show.
    public func warn(_ message: String) { warnings.add(message) }

    /// An in-memory sink.
    public init() {
        drain = nil
        chunkSize = .max
    }

    /// A sink that passes chunks of about `chunkSize` bytes to `drain`.
    public init(chunkSize: Int = 1 << 20, drain: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.drain = drain
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// All bytes written, for an in-memory sink.
    public var bytes: [UInt8] { buffer }

    @inline(__always) private func maybeDrain() throws {
        if buffer.count >= chunkSize { try flush() }
    }

    /// Hands buffered bytes to `drain` (a no-op for an in-memory sink).
    public func flush() throws {
        guard let drain, !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try drain($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    @inline(__always) public func write(byte: UInt8) throws {
        buffer.append(byte)
        count += 1
        try maybeDrain()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let drain, bytes.count >= chunkSize {
            // A large block goes straight through, without a copy into the buffer.
            try flush()
            try drain(bytes)
            count += bytes.count
            return
        }
        buffer.append(contentsOf: bytes)
        count += bytes.count
        try maybeDrain()
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes `value` in decimal without making a `String`.
    public func write(decimal value: Int64) throws {
        let before = buffer.count
        DecimalScratch.append(value, to: &buffer)
        count += buffer.count - before
        try maybeDrain()
    }

    @inlinable public func write(decimal value: Int) throws { try write(decimal: Int64(value)) }

    /// Writes `value` as lower-case hex with a `0x` prefix.
    public func write(hex value: UInt64) throws {
        try write("0x")
        var started = false
        for shift in stride(from: 60, through: 0, by: -4) {
            let d = UInt8((value >> UInt64(shift)) & 0xF)
            if d != 0 || started || shift == 0 {
                started = true
                try write(byte: d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10)
            }
        }
    }
}
