import ProfileCore

/// The stack depth and string length limits of ``ReadOptions``, checked on
/// every profile a reader returns, whatever its format.
///
/// Memory is already bounded by the input's size (and a gzip input's by
/// `maxInflatedBytes`); these limits refuse inputs that are technically
/// readable but are no real profile, before any writer or report spends
/// time on them, with a message that says how to accept them anyway.
struct ReadLimits {
    let maxStackDepth: Int
    let maxStringLength: Int

    init(_ options: ReadOptions) {
        maxStackDepth = options.maxStackDepth
        maxStringLength = options.maxStringLength
    }

    /// The first limit `profile` passes, as the error to report.
    func violation(_ profile: Profile) -> ProfileError? {
        for (i, s) in profile.strings.strings.enumerated() where s.utf8.count > maxStringLength {
            return ProfileError("string \(i) is \(s.utf8.count) bytes long, more than the limit of \(maxStringLength) bytes")
                .hinting(.maxStringLength, remedy: "raise ReadOptions.maxStringLength if this file is genuine")
        }
        // Frames per location: its lines (inlined calls expanded), at least one.
        let framesOf = profile.locations.map { max(1, Int($0.lineCount)) }
        let mostFrames = framesOf.max() ?? 1
        let samples = profile.samples
        for s in 0..<samples.count {
            let locations = samples.locations(of: s)
            // Only count when even the widest locations could pass the limit.
            if locations.count <= maxStackDepth / mostFrames { continue }
            var depth = 0
            for l in locations { depth += framesOf[Int(l)] }
            if depth > maxStackDepth {
                return ProfileError("sample \(s + 1) has \(depth) frames, more than the limit of \(maxStackDepth)")
                    .hinting(.maxStackDepth, remedy: "raise ReadOptions.maxStackDepth if this file is genuine")
            }
        }
        return nil
    }
}
