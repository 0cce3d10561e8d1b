import ProfileCore

/// The 68-byte header of a chunk, raw big-endian: `FLR\0`, the version,
/// the chunk's size and where its last checkpoint and its metadata are,
/// its start in nanoseconds since the epoch and its duration, and the
/// clock its event times are written in. (OpenJDK's `ChunkHeader`.)
struct JFRChunkHeader {
    static let size = 68
    static let magic: [UInt8] = [0x46, 0x4C, 0x52, 0x00] // FLR\0

    var range: Range<Int>
    var major: Int
    var minor: Int
    var constantPoolOffset: Int
    var metadataOffset: Int
    var startNanos: Int64
    var durationNanos: Int64
    var ticksPerSecond: Int64

    static func startsChunk(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard bytes.count - offset >= 6 else { return false }
        for i in 0..<4 where bytes[offset + i] != magic[i] { return false }
        let major = Int(bytes[offset + 4]) << 8 | Int(bytes[offset + 5])
        return major == 1 || major == 2
    }

    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        let left = bytes.count - offset
        guard left >= Self.size else {
            throw ProfileError.atByte(offset, "a chunk header takes \(Self.size) bytes, and \(left) are left; the recording is cut short")
        }
        for i in 0..<4 where bytes[offset + i] != Self.magic[i] {
            throw ProfileError.atByte(offset, "no JFR chunk starts here (a chunk starts with FLR and a zero byte); the file is damaged or has something appended")
        }
        var c = JFRCursor(bytes, from: offset + 4, to: offset + Self.size)
        major = Int(try c.raw(2))
        minor = Int(try c.raw(2))
        guard major == 1 || major == 2 else {
            throw ProfileError.atByte(offset + 4, "JFR version \(major).\(minor); profconv reads versions 1 and 2 (JDK 11 to 25)")
        }
        let chunkSize = try c.raw(8)
        guard chunkSize >= Int64(Self.size), chunkSize <= Int64(left) else {
            throw ProfileError.atByte(offset + 8, "the chunk's size \(chunkSize) is \(chunkSize < Int64(Self.size) ? "smaller than its header" : "more than the \(left) bytes left of the input"); the recording is cut short or damaged")
        }
        range = offset..<offset + Int(chunkSize)
        let cp = try c.raw(8), meta = try c.raw(8)
        guard meta != 0 else {
            throw ProfileError.atByte(offset + 24, "the chunk has no metadata yet: the recording was still being written (dump it with jcmd JFR.dump, or stop the recording first)")
        }
        for (value, at, what) in [(cp, 16, "constant pool"), (meta, 24, "metadata")] where value < Int64(Self.size) || value >= chunkSize {
            throw ProfileError.atByte(offset + at, "the chunk's \(what) offset \(value) lies outside the chunk (\(chunkSize) bytes)")
        }
        constantPoolOffset = Int(cp)
        metadataOffset = Int(meta)
        startNanos = try c.raw(8)
        durationNanos = try c.raw(8)
        _ = try c.raw(8) // start ticks
        ticksPerSecond = try c.raw(8)
        guard ticksPerSecond > 0 else {
            throw ProfileError.atByte(offset + 56, "the chunk's clock runs at \(ticksPerSecond) ticks a second; it must be positive")
        }
    }

    /// Nanoseconds in `ticks` of this chunk's clock, as the JDK converts
    /// them (`TimeConverter.convertTimespan`).
    func nanoseconds(ticks: Int64) -> Int64 {
        Int64(saturating: Double(ticks) / (Double(ticksPerSecond) / 1_000_000_000))
    }
}
