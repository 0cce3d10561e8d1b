import ProfileCore

/// The check of a gzip input's first inflated bytes, made before inflating
/// the rest (see ``Gzip/inflate(_:limit:maxRatio:checkingStart:)``): a gzip bomb of
/// zeros is no profile, and saying so after 1 MiB beats saying it at the
/// 1 GiB limit, seconds and gigabytes later.
enum InflatedStart {
    /// Throws when `prefix` cannot start an input of `format`, or of any
    /// readable format when `format` is nil; the message is the one the
    /// whole input would get.
    /// `gunzipped` says whether `prefix` came out of gzip (the messages say so).
    static func check(_ prefix: UnsafeRawBufferPointer, format: (any ProfileReader.Type)?,
                      pathHint: String? = nil, nameDecides: Bool = true, gunzipped: Bool = true) throws {
        // Empty data gets its own error from the reader.
        guard let first = prefix.first else { return }
        guard let format else {
            if FormatRegistry.detect(prefix, pathHint: pathHint, nameDecides: nameDecides) == nil {
                throw UnreadableInput.error(prefix, suffix: gunzipped ? " (after gunzip)" : "")
            }
            return
        }
        // A named format is taken at its word; only
        // what can start none of its files is refused.
        if !format.canStart(with: first) {
            throw ProfileError.atByte(0, "this cannot be \(format.name) data (\(UnreadableInput.describe(prefix)))\(gunzipped ? " (after gunzip)" : "")")
                .hinting(.namedFormat, remedy: "leave ProfileLoader.format unset to let the readers recognise the format")
        }
    }

    static func notAProfile(_ prefix: UnsafeRawBufferPointer) -> ProfileError {
        UnreadableInput.error(prefix, suffix: " (after gunzip)")
    }
}
