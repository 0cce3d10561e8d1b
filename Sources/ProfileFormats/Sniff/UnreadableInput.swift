import ProfileCore

/// What to tell the user about bytes no format recognises: for the inputs
/// people give by mistake (a saved `/debug/pprof/` page, the program binary,
/// some other JSON), what it is and what to give instead. What a file of a
/// format's kind but not its shape gets is the reader's word
/// (``ProfileReader/nearMiss(_:)``).
enum UnreadableInput {
    /// How the message for an HTML page starts.
    static let htmlPage = "this is an HTML page, not a profile"

    /// The error for `raw`, which no reader recognised; `suffix` follows the
    /// message (` (after gunzip)`).
    static func error(_ raw: UnsafeRawBufferPointer, suffix: String = "") -> ProfileError {
        let (text, formatMayHelp) = message(raw)
        let e = FormatRegistry.unrecognized(text + suffix)
        return formatMayHelp ? e.hinting(.inputFormat, remedy: "name its format (ProfileLoader.format) if it is one of FormatRegistry.all") : e
    }

    /// What `raw` is, and whether naming a format might read it.
    static func message(_ raw: UnsafeRawBufferPointer) -> (String, Bool) {
        if isHTML(raw) {
            return (htmlPage + " (a saved /debug/pprof/ index?); fetch the profile itself, e.g. http://HOST:PORT/debug/pprof/goroutine?debug=1, …/heap or …/profile?seconds=30", false)
        }
        if starts(raw, with: [0x7F, 0x45, 0x4C, 0x46]) {
            return ("this is an ELF program binary, not a profile; give the profile it wrote (from /debug/pprof/… or pprof.StartCPUProfile)", false)
        }
        if let json = unknownJSON(raw) { return (json, true) }
        // Readers that nearly recognise the bytes say what they would take.
        let nearMisses = FormatRegistry.readers.compactMap { $0.nearMiss(raw) }
        if !nearMisses.isEmpty { return (nearMisses.joined(separator: "; "), true) }
        return ("not a profile profconv can read (\(describe(raw)))", true)
    }

    /// For a JSON document no reader recognised: the shapes of those that read JSON.
    static func unknownJSON(_ raw: UnsafeRawBufferPointer) -> String? {
        guard let first = firstNonSpace(raw), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        let shapes = FormatRegistry.readers.compactMap { r in r.jsonShape.map { "\(r.name): \($0)" } }
        return "a JSON document of a shape profconv does not know; the JSON it reads is " + shapes.joined(separator: "; ")
    }

    /// A short description of other unrecognised bytes.
    static func describe(_ raw: UnsafeRawBufferPointer) -> String {
        let signatures: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0x25, 0x50, 0x44, 0x46], "a PDF document"),
            ([0x50, 0x4B, 0x03, 0x04], "a zip archive"), ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ]
        for (magic, name) in signatures where starts(raw, with: magic) {
            return "it looks like \(name)"
        }
        let n = min(raw.count, 16)
        let hex = raw[..<n].map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return "it starts with bytes " + hex.joined(separator: " ")
    }

    private static func starts(_ raw: UnsafeRawBufferPointer, with magic: [UInt8]) -> Bool {
        raw.count >= magic.count && zip(raw, magic).allSatisfy { $0 == $1 }
    }

    static func firstNonSpace(_ raw: UnsafeRawBufferPointer) -> UInt8? {
        var i = 0
        if starts(raw, with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < raw.count, raw[i] == 0x20 || raw[i] == 0x09 || raw[i] == 0x0A || raw[i] == 0x0D { i += 1 }
        return i < raw.count ? raw[i] : nil
    }

    /// `<!DOCTYPE html` or `<html` (any case) in the first 512 bytes, or
    /// `<head`/`<body` with no `<svg`: what servers and "save page" write.
    private static func isHTML(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard firstNonSpace(raw) == UInt8(ascii: "<") else { return false }
        let head = String(decoding: raw.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<!doctype html") || head.contains("<html") { return true }
        return !head.contains("<svg") && (head.contains("<head") || head.contains("<body"))
    }
}
