import CRE2Shim

/// A pattern compiled by RE2 with Go's options (Sources/CRE2Shim), or why it
/// did not compile.
///
/// `@unchecked Sendable`: the RE2 object is never changed after compiling,
/// and RE2 documents matching with one object from many threads at once as
/// safe (its lazily built DFA cache is locked inside RE2). The class only
/// frees it when the last reference goes.
final class RE2Program: @unchecked Sendable {
    private let re2: OpaquePointer
    /// Go's wording of why the pattern did not compile, nil when it did.
    let refusal: GoRegexpRefusal?

    /// Compiles `pattern`; `anchored` matches it from the text's start only.
    init(_ pattern: String, anchored: Bool = false) {
        var pattern = pattern
        re2 = pattern.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { profconv_re2_compile($0.baseAddress, $0.count, anchored ? 1 : 0) }
        }
        let code = profconv_re2_error_code(re2)
        if code == PROFCONV_RE2_OK {
            refusal = nil
        } else {
            var length = 0
            let arg = profconv_re2_error_arg(re2, &length)!
            let argBytes = UnsafeRawBufferPointer(start: arg, count: length)
            refusal = GoRegexpRefusal(re2: code, argument: String(decoding: argBytes, as: UTF8.self))
        }
    }

    deinit { profconv_re2_free(re2) }

    /// Whether the pattern matches somewhere in `text` (or at its start, if
    /// anchored); false if it did not compile.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.withMemoryRebound(to: CChar.self) { profconv_re2_matches(re2, $0.baseAddress, $0.count) != 0 }
    }
}
