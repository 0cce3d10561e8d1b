import CZlib
import ProfileCore

/// gzip through the system zlib.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic `1f 8b`.
    public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates a gzip stream (several concatenated members allowed).
    ///
    /// Stops with an error as soon as the output would pass `limit` bytes, so
    /// a gzip bomb costs at most `limit` of memory. Errors name the byte
    /// offset in the *compressed* input.
    public static func inflate(_ input: UnsafeRawBufferPointer, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ProfileError("zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }

        // Size the output from the gzip trailer (ISIZE: the size mod 2^32 of
        // the last member), else guess 4×; grow geometrically if it was wrong.
        // The buffer is left uninitialised: zlib writes every byte we keep.
        var guess = max(64 << 10, input.count * 4)
        if input.count >= 18 {
            let isize = Int(input.loadUnaligned(fromByteOffset: input.count - 4, as: UInt32.self).littleEndian)
            // deflate cannot expand more than ~1032:1, so a lying trailer costs little.
            if isize >= input.count / 2 { guess = min(isize, input.count * 1032) + 1 }
        }
        let initial = min(limit, guess) + 1
        var output = [UInt8](unsafeUninitializedCapacity: initial) { _, count in count = initial }
        var produced = 0
        var consumed = 0
        while true {
            if produced == output.count {
                // Full: grow geometrically, never past limit + 1 (one byte over tells us the limit was passed).
                let newCount = min(output.count * 2, limit + 1)
                guard newCount > output.count else {
                    throw ProfileError.atByte(consumed, "gzip data inflates to more than \(limit) bytes; raise the limit with --max-inflated-size if this file is genuine")
                }
                output.reserveCapacity(newCount)
                output.append(contentsOf: repeatElement(0, count: newCount - output.count))
            }
            let status: Int32 = output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self) + consumed)
                stream.avail_in = uInt(min(input.count - consumed, Int(UInt32.max)))
                stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
                stream.avail_out = uInt(min(out.count - produced, Int(UInt32.max)))
                let availIn = Int(stream.avail_in), availOut = Int(stream.avail_out)
                let r = CZlib.inflate(&stream, Z_NO_FLUSH)
                consumed += availIn - Int(stream.avail_in)
                produced += availOut - Int(stream.avail_out)
                return r
            }
            if produced > limit {
                throw ProfileError.atByte(consumed, "gzip data inflates to more than \(limit) bytes; raise the limit with --max-inflated-size if this file is genuine")
            }
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (as `cat a.gz b.gz` makes).
                if consumed < input.count, input[consumed] == 0x1F {
                    inflateReset(&stream)
                    continue
                }
                output.removeSubrange(produced...)
                return output
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
