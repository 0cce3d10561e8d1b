import CZlib
import ProfileCore

/// gzip through the system zlib.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic `1f 8b`.
    public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// How many inflated bytes ``inflate(_:limit:maxRatio:checkingStart:)`` shows its
    /// check before inflating further: at least what sniffing reads.
    public static let startLength = 1 << 20

    /// The most the output buffer grows by at once, so that a buffer sized
    /// from a wrong trailer does not reserve far more than the data needs.
    static let growthStep = 64 << 20

    /// How much output a stream may make before its expansion ratio is
    /// checked: small inputs may be as repetitive as they like.
    public static let ratioGrace = 64 << 20

    /// The most one zlib call inflates while the ratio is watched.
    static let ratioCheckStep = 8 << 20

    /// Inflates a gzip stream (several concatenated members allowed).
    ///
    /// `checkStart` sees the first ``startLength`` inflated bytes (fewer if
    /// that is all) before anything more is inflated, and throws when they
    /// cannot start a profile: a gzip of zeros is refused after 1 MiB, not
    /// at the limit. Stops with an error as soon as the output would pass
    /// `limit` bytes, or, past ``ratioGrace`` bytes, more than `maxRatio`
    /// (0: any) output bytes per input byte consumed: a real profile
    /// compresses 3 to 30 times, a crafted one a thousand. Bytes after the
    /// last member other than zeros (padding) are an error, as they are to
    /// Go's reader. Errors name the byte offset in the *compressed* input.
    public static func inflate(_ input: UnsafeRawBufferPointer, limit: Int, maxRatio: Int = 0,
                               checkingStart checkStart: ((UnsafeRawBufferPointer) throws -> Void)? = nil) throws -> InflatedBytes {
        // One byte over the limit tells us the limit was passed.
        let output = try InflatedBytes(capacity: min(limit, outputGuess(input)) + 1)
        try inflate(input, limit: limit, maxRatio: maxRatio, into: output, checkingStart: checkStart)
        return output
    }

    /// Inflates into `output`, as ``inflate(_:limit:maxRatio:checkingStart:)`` does.
    /// With `progress`, inflates at most `step` bytes at a time and calls
    /// it after each step with the count inflated so far and the count of
    /// input bytes consumed (a reader on another thread waits on it, see
    /// ``InflateStream``).
    static func inflate(_ input: UnsafeRawBufferPointer, limit: Int, maxRatio: Int = 0, into output: InflatedBytes,
                        checkingStart checkStart: ((UnsafeRawBufferPointer) throws -> Void)?,
                        step: Int = Int(UInt32.max), progress: ((_ inflated: Int, _ consumed: Int) -> Void)? = nil) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ProfileError("zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var unchecked = checkStart
        var consumed = 0
        while true {
            if output.count == output.capacity {
                let grown = min(output.capacity + min(output.capacity, growthStep), limit + 1)
                guard grown > output.capacity else { throw tooLarge(limit, at: consumed) }
                try output.grow(to: grown)
            }
            // Until the start is checked, inflate no further than its length.
            var window = unchecked == nil ? step : min(step, startLength - output.count)
            // The ratio is checked between calls: keep them short enough to stop a bomb early.
            if maxRatio > 0 { window = min(window, ratioCheckStep) }
            let room = output.unwritten
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self) + consumed)
            stream.avail_in = uInt(min(input.count - consumed, Int(UInt32.max)))
            stream.next_out = room.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(min(room.count, window))
            let availIn = Int(stream.avail_in), availOut = Int(stream.avail_out)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            consumed += availIn - Int(stream.avail_in)
            output.count += availOut - Int(stream.avail_out)
            if output.count > limit { throw tooLarge(limit, at: consumed) }
            if maxRatio > 0 && output.count > ratioGrace && output.count / max(consumed, 1) > maxRatio {
                throw ProfileError.atByte(consumed, "gzip data expands more than \(maxRatio) times (\(output.count) bytes from \(consumed)); no profile compresses so well")
                    .hinting(.maxInflationRatio, remedy: "raise ReadOptions.maxInflationRatio if this file is genuine")
            }
            let more = status == Z_STREAM_END && consumed < input.count && input[consumed] == 0x1F
            if status == Z_STREAM_END && !more && consumed < input.count,
               input[consumed...].contains(where: { $0 != 0 }) {
                throw ProfileError.atByte(consumed, "\(input.count - consumed) bytes that are not gzip follow the gzip data; the file is damaged, or two files were joined")
            }
            if let check = unchecked, output.count >= startLength || (status == Z_STREAM_END && !more) {
                unchecked = nil
                try output.withUnsafeBytes { try check(UnsafeRawBufferPointer(rebasing: $0.prefix(startLength))) }
            }
            // Only checked bytes are shown: a reader never starts on a bomb.
            if unchecked == nil { progress?(output.count, consumed) }
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (as `cat a.gz b.gz` makes).
                if more {
                    inflateReset(&stream)
                    continue
                }
                return
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                if consumed >= input.count {
                    throw ProfileError.atByte(consumed, "gzip data is truncated")
                }
                continue
            case Z_DATA_ERROR:
                let why = stream.msg.map { String(cString: $0) } ?? "corrupt data"
                throw ProfileError.atByte(consumed, "gzip data is corrupt: \(why)")
            case Z_MEM_ERROR:
                throw ProfileError("out of memory while inflating")
            default:
                throw ProfileError.atByte(consumed, "gzip data is corrupt (zlib status \(status))")
            }
        }
    }

    /// The output size to allocate: from the gzip trailer (ISIZE, the size
    /// mod 2^32 of the last member), else 4× the input; the buffer grows by
    /// bounded steps if it was wrong. Untouched pages of it cost no memory.
    static func outputGuess(_ input: UnsafeRawBufferPointer) -> Int {
        var guess = max(64 << 10, input.count * 4)
        if input.count >= 18 {
            let isize = Int(input.loadUnaligned(fromByteOffset: input.count - 4, as: UInt32.self).littleEndian)
            // deflate cannot expand more than ~1032:1, so a lying trailer costs little.
            if isize >= input.count / 2 { guess = min(isize, input.count * 1032) + 1 }
        }
        return guess
    }

    private static func tooLarge(_ limit: Int, at consumed: Int) -> ProfileError {
        ProfileError.atByte(consumed, "gzip data inflates to more than \(limit) bytes")
            .hinting(.maxInflatedBytes, remedy: "raise ReadOptions.maxInflatedBytes if this file is genuine")
    }

    /// A streaming gzip compressor that feeds `next` with compressed chunks.
    public final class Compressor {
        private var stream = z_stream()
        private let next: (UnsafeRawBufferPointer) throws -> Void
        private var scratch = [UInt8](repeating: 0, count: 256 << 10)
        private var finished = false

        /// `level` 1 (fast) … 9 (small); pprof's Go writer uses the default (6).
        public init(level: Int32 = Z_DEFAULT_COMPRESSION, next: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
            self.next = next
            // windowBits 15 + 16: a gzip wrapper; the header has no name and mtime 0,
            // so the same input always gives the same bytes.
            guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                 ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw ProfileError("zlib could not start compressing")
            }
        }

        deinit { deflateEnd(&stream) }

        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            try run(bytes, flush: Z_NO_FLUSH)
        }

        /// Writes the rest of the stream and the gzip trailer; later calls do nothing.
        public func finish() throws {
            guard !finished else { return }
            finished = true
            try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
        }

        private func run(_ bytes: UnsafeRawBufferPointer, flush: Int32) throws {
            stream.next_in = bytes.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
            stream.avail_in = uInt(bytes.count)
            while true {
                let (status, have): (Int32, Int) = scratch.withUnsafeMutableBytes { out in
                    stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(out.count)
                    let r = deflate(&stream, flush)
                    return (r, out.count - Int(stream.avail_out))
                }
                guard status != Z_STREAM_ERROR else { throw ProfileError("zlib failed while compressing") }
                if have > 0 { try scratch.withUnsafeBytes { try next(UnsafeRawBufferPointer(rebasing: $0[..<have])) } }
                if flush == Z_FINISH {
                    if status == Z_STREAM_END { return }
                } else if stream.avail_in == 0 && have < scratch.count {
                    return
                }
            }
        }
    }

    /// Compresses `bytes` in one go.
    public static func compress(_ bytes: UnsafeRawBufferPointer) throws -> [UInt8] {
        var out: [UInt8] = []
        let c = try Compressor { out.append(contentsOf: $0) }
        try c.write(bytes)
        try c.finish()
        return out
    }
}
