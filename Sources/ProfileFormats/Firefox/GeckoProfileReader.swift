import ProfileCore

/// Reads a Gecko profile: the threads of the profile object and of the
/// subprocess profiles in its `processes` (each a profile object too, with
/// its own `meta`), as ``FirefoxParts`` found them.
enum GeckoProfileReader {
    /// The versions whose layout profconv reads (`meta.version`): from 5,
    /// when subprocess profiles moved out of `threads` as JSON strings into
    /// `processes`, to 36, the newest the Firefox Profiler documents.
    static let versions: ClosedRange<Int64> = 5...36

    /// `profiles`: the top profile object and its subprocess profiles,
    /// parents first.
    static func read(_ s: inout JSONScanner, _ profiles: [FirefoxParts], _ meta: FirefoxMeta, options: ReadOptions) throws -> Profile {
        var builder = ProfileBuilder(sampleTypes: FirefoxFormat.sampleTypes, defaultSampleType: "samples")
        var cpuScales: [Double?] = []
        for parts in profiles {
            var cpuScale = parts.parent >= 0 ? cpuScales[parts.parent] : meta.cpuScale
            if parts.parent >= 0 {
                guard let at = parts.meta else { throw ProfileError.atByte(parts.start, "a subprocess profile without \"meta\"") }
                s.seek(to: at)
                let m = try FirefoxMeta.read(&s)
                try check(m, at: at)
                if m.cpuUnit != nil { cpuScale = m.cpuScale }
            }
            cpuScales.append(cpuScale)
            guard let at = parts.threads else { continue }
            s.seek(to: at)
            try s.beginArray("a threads array")
            var n = 0
            while try s.nextElement(&n) {
                if s.peek() == UInt8(ascii: "\"") {
                    throw ProfileError.atByte(s.pos, "a subprocess profile stored as a JSON string (Gecko profile version 4 or older), which profconv does not read")
                }
                var thread = try GeckoThread.read(&s, cpuScale: cpuScale)
                try thread.emit(into: &builder, merge: options.mergeSamplesByStack, maxDepth: options.maxStackDepth)
            }
        }
        builder.withProfile { p in
            p.period = meta.periodNanos
            p.periodType = p.sampleTypes[1]
        }
        return builder.build()
    }

    static func check(_ meta: FirefoxMeta, at offset: Int) throws {
        let v = meta.version ?? 0
        guard versions.contains(v) else {
            let which = v > versions.upperBound ? "newer than the newest profconv reads" : "older than profconv reads"
            throw ProfileError.atByte(offset, "a Gecko profile of format version \(v), \(which) (\(versions.lowerBound) to \(versions.upperBound)); open it in profiler.firefox.com and save it from there, as a processed profile")
        }
    }
}
