import ProfileCore

/// Finds where a profile's values stop fitting in 64 bits when summed.
///
/// Totals, merged stacks and flame graph roots saturate at `Int64.max`
/// rather than wrap; every such sum is at most a sample type's total of
/// magnitudes, so the first sample that takes that total past 64 bits is
/// where the reports start to be wrong. Readers that know lines (folded)
/// report the line themselves.
enum SaturationCheck {
    /// A warning naming the first sample whose value takes a sample type's
    /// total past `Int64.max`, or nil when every total fits.
    static func warning(_ profile: Profile) -> String? {
        let width = profile.samples.valuesPerSample
        guard width > 0 else { return nil }
        var totals = [Int64](repeating: 0, count: width)
        return profile.samples.values.withUnsafeBufferPointer { values -> String? in
            for i in values.indices {
                let t = i % width
                let (sum, overflow) = totals[t].saturatingAddReportingOverflow(values[i].saturatingMagnitude)
                if overflow {
                    let name = t < profile.sampleTypes.count ? profile.string(profile.sampleTypes[t].type) : "sample"
                    return "sample \(i / width + 1): the \(name) values sum past \(Int64.max), the largest 64-bit value; totals and merged stacks stop there (saturate)"
                }
                totals[t] = sum
            }
            return nil
        }
    }
}
