import ProfileCore

/// The check of a gzip input's first inflated bytes, made before inflating
/// the rest (see ``Gzip/inflate(_:limit:checkingStart:)``): a gzip bomb of
/// zeros is no profile, and saying so after 1 MiB beats saying it at the
/// 1 GiB limit, seconds and gigabytes later.
enum InflatedStart {
    /// Throws when `prefix` cannot start an input of `format`, or of any
    /// readable format when `format` is nil; the message is the one the
    /// whole input would get.
    static func check(_ prefix: UnsafeRawBufferPointer, format: (any ProfileFormat.Type)?,
                      pathHint: String? = nil, nameDecides: Bool = true) throws {
        // Empty data gets its own error from the reader.
        guard let first = prefix.first else { return }
        guard let format else {
            if FormatRegistry.detect(prefix, pathHint: pathHint, nameDecides: nameDecides) == nil { throw notAProfile(prefix) }
            return
        }
        // A named format is taken at its word, as --from promises; only
        // what can start none of its files is refused.
        let plausible = format == PprofFormat.self ? startsProtobufKey(first) : first != 0
        if !plausible {
            throw ProfileError.atByte(0, "this cannot be \(format.name) data (\(UnreadableInput.describe(prefix))); check --from, or leave it out to let profconv recognise the format (after gunzip)")
        }
    }

    static func notAProfile(_ prefix: UnsafeRawBufferPointer) -> ProfileError {
        FormatRegistry.unrecognized(UnreadableInput.message(prefix) + " (after gunzip)")
    }

    /// A protobuf message starts with a key: wire type 0, 1, 2 or 5 in the
    /// low three bits, and a field number of at least 1 (a one-byte key of
    /// field 0 is 0x00–0x07). No text format starts with NUL either.
    static func startsProtobufKey(_ byte: UInt8) -> Bool {
        let wire = byte & 7
        guard wire == 0 || wire == 1 || wire == 2 || wire == 5 else { return false }
        return byte >= 0x08
    }
}
