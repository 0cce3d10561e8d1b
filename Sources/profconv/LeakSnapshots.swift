import ArgumentParser
import ProfileCore
import ProfileFormats
import ProfileSupport

/// Where `leaks` gets its snapshots, and the growth graph it draws.
extension Leaks {
    /// Files and URLs as given; saved snapshots (`goroutine-TIME.…`) get their time back from their name.
    func load(_ loader: ProfileLoader) throws -> [LeakAnalysis.Snapshot] {
        try snapshots.map { argument in
            let loaded = try loader.read(ProfileSource(argument))
            Console.show(loaded.warnings)
            return LeakAnalysis.Snapshot.named(argument, profile: loaded.profile)
        }
    }

    /// `--every`: snapshots of one live endpoint over time.
    func watch(every seconds: Double, loader: ProfileLoader) throws -> [LeakAnalysis.Snapshot] {
        var w = LeakWatch(url: snapshots[0], every: seconds, count: count ?? 3, fetcher: RemoteProfile.fetcher(reading.remote))
        w.read = loader.options
        w.saveDirectory = save
        w.progress = { Console.printError("profconv: \($0)") }
        // Ctrl-C ranks the snapshots taken so far, and says how to rerun them.
        let taken = Locked<[LeakAnalysis.Snapshot]>([])
        w.taken = { s in taken.withLock { $0.append(s) } }
        let command = self, save = self.save
        Interruption.setLastWords { _ in
            let snapshots = taken.withLock { $0 }
            Console.printError("profconv: interrupted after \(snapshots.count) of \(command.count ?? 3) snapshots")
            if snapshots.count >= 2 { _ = try? command.rank(snapshots) }
            if let save, !snapshots.isEmpty { Console.printError("profconv: rerun offline with: profconv leaks \(save)/*") }
        }
        defer { Interruption.setLastWords(nil) }
        return try w.run()
    }

    /// The transform stage's filters, applied to every snapshot alike.
    func filtered(_ snapshots: [LeakAnalysis.Snapshot]) throws -> [LeakAnalysis.Snapshot] {
        let transform = try filters.transform()
        if transform.isIdentity { return snapshots }
        return try snapshots.map { s in
            let t = try transform.apply(to: s.profile)
            Console.show(t.warnings.map { .warning("\(s.name): \($0)") })
            return LeakAnalysis.Snapshot(name: s.name, profile: t.profile)
        }
    }

    /// The last snapshot against the first, runtime frames hidden so mixed
    /// forms line up: the write and output stages of a diff.
    func writeFlameGraph(_ ordered: [LeakAnalysis.Snapshot], to path: String) throws {
        let first = ordered.first!, last = ordered.last!
        let firstProfile = first.profile.hidingGoRuntimeFrames(), lastProfile = last.profile.hidingGoRuntimeFrames()
        let diff = try ProfileDiff.twoColumn(base: firstProfile, baseIndex: firstProfile.defaultSampleIndex,
                                             new: lastProfile, newIndex: lastProfile.defaultSampleIndex, normalize: false)
        var w = WriteOptions(sampleIndex: "1")
        w.context.diffBaseIndex = 0
        w.context.sources = [last.name]
        w.context.baseSources = [first.name]
        var flame = FlameGraphFormat.Options()
        flame.title = "Goroutine growth"
        flame.subtitle = "\(first.name) → \(last.name): red grew, blue shrank"
        flame.countName = "goroutines"
        w[FlameGraphFormat.Options.self] = flame
        let written = try ProfileOutput(path: path).write(diff, as: FlameGraphFormat.self, options: w)
        Console.show(written)
    }
}
