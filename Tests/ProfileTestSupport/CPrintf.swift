#if canImport(Glibc)
import Glibc
#endif

/// C's `printf`, the reference for profconv's decimals: glibc prints the
/// exact binary value, rounded half to even, as Go's fmt and flamegraph.pl's
/// `sprintf` do.
public enum CPrintf {
    /// `%.*f` of `x` with `places` decimals.
    public static func fixed(_ x: Double, places: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let n = withVaList([Int32(places), x]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
        return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
