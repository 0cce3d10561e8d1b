import ProfileCore
import ProfileSupport

extension FormatRegistry {
    /// Reads gzip input while it is inflated: `stream` inflates on one
    /// thread; this one sniffs the first inflated bytes and decodes as they
    /// come, when the format can (``StreamingReader``), else once they are all there.
    static func readInflating(_ stream: InflateStream, format: (any ProfileReader.Type)?, options: ReadOptions,
                              pathHint: String?) throws -> Decoded {
        // Without a spare thread, inflating runs first and decoding after, as without a stream.
        let result = ForkJoin.map(count: 2) { i -> Result<Decoded, any Error>? in
            if i == 0 {
                stream.run()
                return nil
            }
            return Result { try decode(stream, format: format, options: options, pathHint: pathHint) }
        }[1]!
        // A gzip error is the input's error whatever the reader made of the bytes before it.
        return try result.mapError { stream.error(over: $0) }.get()
    }

    private static func decode(_ stream: InflateStream, format: (any ProfileReader.Type)?, options: ReadOptions,
                               pathHint: String?) throws -> Decoded {
        try afterGunzip {
            let head = UnsafeRawBufferPointer(start: stream.start, count: try stream.available(atLeast: sniffPrefixBytes))
            let f = try readableFormat(head, format: format, options: options, pathHint: pathHint)
            guard let streaming = f as? any StreamingReader.Type else {
                return try decode(try stream.all(), format: f, options: options, pathHint: pathHint)
            }
            var first = true
            return try finishReading(f, options: options) { options, warnings in
                defer { first = false }
                if first, let profile = try streaming.read(stream, options: options, warnings: &warnings) { return profile }
                // The stream's bytes are released as they are read: inflate again.
                stream.waitForEnd()
                let inflated = try Gzip.inflate(stream.input, limit: options.maxInflatedBytes, maxRatio: options.maxInflationRatio)
                return try inflated.withUnsafeBytes { try f.read($0, options: options, warnings: &warnings) }
            }
        }
    }
}

/// A format whose reader can decode gzip input while it is inflated.
protocol StreamingReader: ProfileReader {
    /// Reads the bytes `stream` inflates, as ``ProfileReader/read(_:options:warnings:)``
    /// reads them all; nil when the input needs that reader: then it is
    /// inflated again and read so (the stream's bytes may be gone).
    static func read(_ stream: InflateStream, options: ReadOptions, warnings: inout Warnings) throws -> Profile?
}
