import Testing
@testable import ProfileFormats

@Suite("Shared helpers of the call-tree readers")
struct CallTreeSupportTests {
    func fields(_ line: String) -> [String] {
        Array(line.utf8).withUnsafeBytes { bytes in
            var f = CSVFields(bytes)
            var out: [String] = []
            while let field = f.next() { out.append(field.text + (field.closed ? "" : "…")) }
            return out
        }
    }

    @Test("CSV fields: quotes, doubled quotes, empty and unclosed fields")
    func csv() {
        #expect(fields("a,\"b,c\",,\"d\"\"e\",") == ["a", "b,c", "", "d\"e", ""])
        #expect(fields("\"open") == ["open…"])
        #expect(fields("") == [""])
    }

    @Test("decimals scaled exactly, rounded half up", arguments: [
        ("0.031", 31), ("0.0315", 32), ("1.5", 1500), ("12", 12000), ("0.0004", 0), (".5", 500),
    ] as [(String, Int64)])
    func scaled(_ text: String, _ value: Int64) {
        #expect(Array(text.utf8).withUnsafeBytes { Digits.scaledDecimal($0, decimals: 3) } == value)
    }

    @Test("not decimals", arguments: ["", "x", "1.2.3", "-1", "1e3", "99999999999999999999"])
    func notScaled(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { Digits.scaledDecimal($0, decimals: 3) } == nil)
    }

    @Test("partly demangled Rust names, as inferno fixes them", arguments: [
        ("std::sys::unix::fs::File::open::hb90e1c1c787080f0", "std::sys::unix::fs::File::open"),
        ("_$LT$std..fs..ReadDir$u20$as$u20$core..iter..traits..iterator..Iterator$GT$::next::hc14f1750ca79129b", "<std::fs::ReadDir as core::iter::traits::iterator::Iterator>::next"),
        ("rg::search_parallel::_$u7b$$u7b$closure$u7d$$u7d$::h6e849b55a66fcd85", "rg::search_parallel::_{{closure}}"),
        ("std::sync::mpsc::shared::Packet$LT$T$GT$::recv::hfde2d9e28d13fd56", "std::sync::mpsc::shared::Packet<T>::recv"),
    ])
    func rust(_ name: String, _ fixed: String) {
        #expect(Array(name.utf8).withUnsafeBytes { RustSymbol.fixPartlyDemangled($0) } == fixed)
    }

    @Test("names that are not partly demangled Rust stay", arguments: [
        "_ZN3std2rt19lang_start_internal17h540c897fe52ba9c5E", "std::sys::unix::fs::File::open", "main", "h0123456789abcdeg",
    ])
    func notRust(_ name: String) {
        #expect(Array(name.utf8).withUnsafeBytes { RustSymbol.fixPartlyDemangled($0) } == nil)
    }
}
