/// Arithmetic that clamps instead of trapping, for values read from untrusted
/// profiles: a hostile count must give a wrong-looking number, never a crash
/// and never a wrapped sign.
extension Int64 {
    /// `abs(self)`, except that `Int64.min` gives `Int64.max` instead of trapping.
    @inlinable public var saturatingMagnitude: Int64 { Int64(clamping: magnitude) }

    /// `self + other`, clamped to the representable range instead of trapping:
    /// merging hostile profiles must never wrap a count.
    @inlinable public func saturatingAdd(_ other: Int64) -> Int64 {
        let (r, o) = addingReportingOverflow(other)
        return o ? (other > 0 ? .max : .min) : r
    }

    /// `self + other` clamped as ``saturatingAdd(_:)`` clamps it, and whether
    /// it had to: for readers that say where a total first saturated.
    @inlinable public func saturatingAddReportingOverflow(_ other: Int64) -> (partialValue: Int64, overflow: Bool) {
        let (r, o) = addingReportingOverflow(other)
        return (o ? (other > 0 ? .max : .min) : r, o)
    }

    /// `self - other`, clamped to the representable range.
    @inlinable public func saturatingSubtract(_ other: Int64) -> Int64 {
        let (r, o) = subtractingReportingOverflow(other)
        return o ? (other < 0 ? .max : .min) : r
    }

    /// `d` rounded toward zero and clamped to the representable range; NaN gives 0.
    @inlinable public init(saturating d: Double) {
        if d.isNaN {
            self = 0
        } else if d >= 9_223_372_036_854_775_807.0 {
            self = .max
        } else if d <= -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int64(d)
        }
    }
}
