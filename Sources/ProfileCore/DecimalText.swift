/// Go's `fmt` verbs `%.Nf` and `%.2g` for a `Double`, without C's `printf`.
///
/// Go rounds from the value's exact binary expansion, half to even, so
/// `1.125` prints `1.12` and `0.995` (really 0.99499…) prints `0.99`. Here the
/// exact value `m·2^e` is scaled by a power of ten in 128-bit integers, which
/// holds every value a 64-bit profile count can produce after unit scaling.
///
/// The project's one fixed-point writer, so one rounding rule: the reports'
/// percentages, the flame graph's coordinates (C's `printf`, which
/// flamegraph.pl uses, rounds the same way), the call graph's and the report
/// page's decimals.
public enum DecimalText {
    /// `%.<places>f`, as Go prints it (`-0.00` keeps its sign); `places` up to 16.
    public static func fixed(_ v: Double, places: Int) -> String {
        var bytes: [UInt8] = []
        appendFixed(v, places: places, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``fixed(_:places:)`` appended to `bytes` without making a `String`.
    /// With `signedZero` false, a value that rounds to zero has no sign
    /// (`0.0`, not `-0.0`), as coordinates and ratios want.
    ///
    /// Inlined, with a 64-bit fast path (`roundedFraction(_:places:)`),
    /// because the flame graph writes several per frame: with `places` a
    /// constant, 10^places and the divisions by it fold. Other values take
    /// the 128-bit path.
    @inlinable @inline(__always)
    public static func appendFixed(_ v: Double, places: Int, to bytes: inout [UInt8], signedZero: Bool = true) {
        guard places <= 19, let n = roundedFraction(v.magnitude, places: places) else {
            return appendFixedWide(v, places: places, to: &bytes, signedZero: signedZero)
        }
        var text = fixedDigits(n, places: places)
        if v.sign == .minus && (signedZero || n != 0) { text.prepend(byte: UInt8(ascii: "-")) }
        text.append(to: &bytes)
    }

    /// `m · 10^places` rounded half to even from the exact value, when `m`
    /// is finite and below 2^52 (it has a fraction, so the exact value is
    /// `significand · 10^places / 2^shift`: a 64×64-bit product and a shift)
    /// and the result fits in 64 bits; nil otherwise. `places` ≤ 19.
    @inlinable @inline(__always)
    static func roundedFraction(_ m: Double, places: Int) -> UInt64? {
        let bits = m.bitPattern
        if bits == 0 { return 0 }
        let biased = Int(bits >> 52) & 0x7FF
        guard biased < 1075 else { return nil }  // ≥ 2^52 (an integer), infinite or NaN
        let significand = bits & (1 << 52 - 1) | (biased == 0 ? 0 : 1 << 52)
        let shift = 1075 - max(biased, 1)  // 1 … 1074
        let (high, low) = significand.multipliedFullWidth(by: power10(UInt64: places))
        let q: UInt64, above: Bool, tie: Bool  // the remainder against half of 2^shift
        if shift < 64 {
            guard high >> shift == 0 else { return nil }
            q = high << (64 - shift) | low >> shift
            let remainder = low & (1 << shift - 1), half: UInt64 = 1 << (shift - 1)
            (above, tie) = (remainder > half, remainder == half)
        } else if shift < 128 {
            let s = shift - 64  // 0 … 63
            q = high >> s
            if s == 0 {
                (above, tie) = (low > 1 << 63, low == 1 << 63)
            } else {
                // The remainder is high's low s bits, then low; half is 2^(s-1) in the high word.
                let remainderHigh = high & (1 << s - 1), halfHigh: UInt64 = 1 << (s - 1)
                (above, tie) = (remainderHigh > halfHigh || (remainderHigh == halfHigh && low != 0),
                                remainderHigh == halfHigh && low == 0)
            }
        } else {
            return 0  // the product is below 2^117, so the value is below 2^-11
        }
        guard above || (tie && q & 1 == 1) else { return q }
        return q == .max ? nil : q + 1
    }

    /// ``appendFixed(_:places:to:signedZero:)`` for what the 64-bit path
    /// leaves: non-finite values, integers from 2^52, more than 19 places.
    @usableFromInline
    static func appendFixedWide(_ v: Double, places: Int, to bytes: inout [UInt8], signedZero: Bool) {
        guard v.isFinite else { return bytes.append(contentsOf: special(v).utf8) }
        guard let digits = rounded(v.magnitude, timesTenTo: places) else {
            // Out of 128-bit range: below 2^-73 (zero at these places) or an integer above 2^110.
            if v.sign == .minus && (signedZero || v.magnitude >= 1) { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: (v.magnitude < 1 ? "0" : integerDigits(v.magnitude)).utf8)
            if places > 0 { bytes.append(UInt8(ascii: ".")); bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: places)) }
            return
        }
        let negative = v.sign == .minus && (signedZero || digits != 0)
        guard digits <= UInt128(UInt64.max), places <= 19 else {
            return bytes.append(contentsOf: ((negative ? "-" : "") + point(String(digits), places: places)).utf8)
        }
        let n = UInt64(digits)
        var text = fixedDigits(n, places: places)
        if negative { text.prepend(byte: UInt8(ascii: "-")) }
        text.append(to: &bytes)
    }

    /// `n` hundredths (for `places` 2) and the like, as digits with the
    /// point `places` from the right: the part both ``appendFixed(_:places:to:signedZero:)`` paths write.
    @inlinable @inline(__always)
    static func fixedDigits(_ n: UInt64, places: Int) -> DecimalScratch {
        var text = DecimalScratch()
        if places > 0 {
            let scale = power10(UInt64: places)
            text.prepend(n % scale, width: places)
            text.prepend(byte: UInt8(ascii: "."))
            text.prepend(n / scale)
        } else {
            text.prepend(n)
        }
        return text
    }

    /// `%.2g`: two significant digits, trailing zeros dropped, an exponent
    /// (`5e-05`, `1e+02`) when the decimal exponent is below -4 or above 1.
    public static func twoSignificant(_ v: Double) -> String {
        guard v.isFinite else { return special(v) }
        let sign = v.sign == .minus ? "-" : ""
        if v == 0 { return sign + "0" }
        var exponent = decimalExponent(v.magnitude)
        guard var digits = rounded(v.magnitude, timesTenTo: 1 - exponent) else {
            // Beyond about 1e±20, never a percentage: Swift's shortest digits.
            return sign + "\(v.magnitude)"
        }
        if digits == 100 { digits = 10; exponent += 1 }  // 9.96 rounds up to 10
        var text = String(digits)
        if exponent < -4 || exponent >= 2 {
            if text.hasSuffix("0") { text.removeLast() } else { text.insert(".", at: text.index(after: text.startIndex)) }
            let e = exponent.magnitude
            return sign + text + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + String(e)
        }
        text = point(text, places: 1 - exponent)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return sign + text
    }

    /// The exact value of `v · 10^k` rounded half to even, or nil when it
    /// does not fit in 128 bits (no value a profile holds comes near).
    static func rounded(_ v: Double, timesTenTo k: Int) -> UInt128? {
        guard v != 0 else { return 0 }
        // v = significand · 2^exponent with an integer significand.
        let significand = UInt128(v.significandBitPattern | (v.isNormal ? 1 << 52 : 0))
        let exponent = Int(v.exponent) - 52 + (v.isNormal ? 0 : 1)
        guard let (numerator, denominator) = scaled(significand, exponent: exponent, tenTo: k) else { return nil }
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        let twice = r << 1  // r < denominator < 2^127, so no overflow
        if twice > denominator || (twice == denominator && q & 1 == 1) { return q + 1 }
        return q
    }

    /// `significand · 2^exponent · 10^k` as a fraction of two 128-bit
    /// integers, or nil when either would not fit.
    private static func scaled(_ significand: UInt128, exponent: Int, tenTo k: Int) -> (UInt128, UInt128)? {
        guard let ten = power10(abs(k)) else { return nil }
        var numerator = significand, denominator: UInt128 = 1
        if k >= 0 {
            guard case let (n, false) = numerator.multipliedReportingOverflow(by: ten) else { return nil }
            numerator = n
        } else {
            denominator = ten
        }
        if exponent >= 0 {
            guard exponent < 128 - bitWidth(numerator) else { return nil }
            numerator <<= exponent
        } else {
            // One spare bit, so that twice a remainder still fits.
            guard -exponent < 127 - bitWidth(denominator) else { return nil }
            denominator <<= -exponent
        }
        return (numerator, denominator)
    }

    private static func bitWidth(_ x: UInt128) -> Int { 128 - x.leadingZeroBitCount }

    /// 10^n for n up to 19, the largest that fits in 64 bits.
    @inlinable @inline(__always)
    static func power10(UInt64 n: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<n { p &*= 10 }
        return p
    }

    private static func power10(_ n: Int) -> UInt128? {
        guard n <= 38 else { return nil }
        var p: UInt128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// The decimal exponent of a positive finite `v`: 10^e ≤ v < 10^(e+1).
    private static func decimalExponent(_ v: Double) -> Int {
        var e = Int((Double(v.exponent) * 0.30102999566398120).rounded(.down))
        // Adjust the estimate by exact comparison with powers of ten.
        while let t = truncated(v, timesTenTo: -e), t >= 10 { e += 1 }
        while let t = truncated(v, timesTenTo: -e), t < 1 { e -= 1 }
        return e
    }

    private static func truncated(_ v: Double, timesTenTo k: Int) -> UInt128? {
        let significand = UInt128(v.significandBitPattern | (v.isNormal ? 1 << 52 : 0))
        let exponent = Int(v.exponent) - 52 + (v.isNormal ? 0 : 1)
        guard let (n, d) = scaled(significand, exponent: exponent, tenTo: k) else { return nil }
        return n / d
    }

    /// `digits` with a decimal point `places` from the right, zero-padded.
    private static func point(_ digits: String, places: Int) -> String {
        guard places > 0 else { return digits + zeros(-places) }
        let padded = digits.count <= places ? zeros(places + 1 - digits.count) + digits : digits
        let split = padded.index(padded.endIndex, offsetBy: -places)
        return padded[..<split] + "." + padded[split...]
    }

    private static func zeros(_ n: Int) -> String { String(repeating: "0", count: max(0, n)) }

    /// The decimal digits of an integral `v` too large for 128 bits, by long
    /// division of its significand shifted into 32-bit limbs.
    private static func integerDigits(_ v: Double) -> String {
        let significand = v.significandBitPattern | 1 << 52
        let shift = Int(v.exponent) - 52
        var limbs = [UInt32](repeating: 0, count: shift / 32 + 3)
        limbs[shift / 32] = UInt32(truncatingIfNeeded: significand << (shift % 32))
        limbs[shift / 32 + 1] = UInt32(truncatingIfNeeded: significand >> (32 - shift % 32))
        limbs[shift / 32 + 2] = UInt32(truncatingIfNeeded: significand >> (64 - shift % 32))
        var digits: [UInt8] = []
        while limbs.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in limbs.indices.reversed() {
                let part = remainder << 32 | UInt64(limbs[i])
                limbs[i] = UInt32(part / 10)
                remainder = part % 10
            }
            digits.append(UInt8(ascii: "0") + UInt8(remainder))
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    private static func special(_ v: Double) -> String { v.isNaN ? "NaN" : v < 0 ? "-Inf" : "+Inf" }
}
