/// The transform stage: what is done to a profile after it is read and
/// before any writer sees it, the same for every output format.
///
/// The steps run in `go tool pprof`'s order (its driver's
/// `generateTagRootsLeaves`, `applyFocus`, then `aggregate`): the sample
/// type is chosen, label values become frames, runtime frames are hidden, the
/// name filters, `show_from` and the tag filters drop samples and frames,
/// `tagshow`/`taghide` drop labels, `prune_from` cuts stacks, and last the
/// granularity merges frames. A base profile goes through the same steps,
/// so that a diff compares like with like.
public struct ProfileTransform: Sendable {
    /// `--sample-index`: a sample type's name or number; nil for the default.
    public var sampleIndex: String?
    /// `--label-frames`, `--label-root-frames` (pprof's `-tagleaf`,
    /// `-tagroot`): these label keys' values become frames, before any
    /// filter, so that filters can match them.
    public var labelLeafFrames: [String] = []
    /// `--label-root-frames`: these keys' values become frames at the root.
    public var labelRootFrames: [String] = []
    /// Go's own `debug=1` hiding: no leaf-side `runtime.*` frames and no `runtime.goexit`.
    public var hideRuntime = false
    /// `--collapse-recursion`: a frame called by a frame of its name is merged into it.
    public var collapseRecursion = false
    /// `--focus`, `--ignore`, `--hide`, `--show`.
    public var names = NameFilter()
    /// `--show-from`: stacks start at their rootmost matching frame.
    public var showFrom: NamePattern?
    /// `--tagfocus`: keep only samples whose labels match.
    public var tagFocus: TagFilter?
    /// `--tagignore`: drop samples whose labels match.
    public var tagIgnore: TagFilter?
    /// `--tagshow`, `--taghide`: which label keys samples keep.
    public var tagShow: NamePattern?
    /// `--taghide`: label keys samples drop.
    public var tagHide: NamePattern?
    /// `--prune-from`: stacks end at their leafmost matching frame.
    public var pruneFrom: NamePattern?
    /// nil leaves every location as it is (what pprof does for `-proto` and
    /// `-raw`); reports then merge by function, their own default.
    public var granularity: Granularity?
    /// With a base: scale the profile so that its totals equal the base's (pprof's `-normalize`).
    public var normalize = false

    public init() {}

    /// Whether the transform changes nothing (a reader's profile can then go
    /// straight to the writer).
    public var isIdentity: Bool {
        sampleIndex == nil && labelLeafFrames.isEmpty && labelRootFrames.isEmpty && !hideRuntime && !collapseRecursion && names.isEmpty && showFrom == nil && tagFocus == nil
            && tagIgnore == nil && tagShow == nil && tagHide == nil && pruneFrom == nil && granularity == nil
    }

    /// Whether a step looks at samples one by one, by label or by frame
    /// (every filter and label option): then samples that share a stack
    /// must not be merged before the transform.
    public var tellsSamplesApart: Bool {
        !activeFilters.isEmpty || !labelLeafFrames.isEmpty || !labelRootFrames.isEmpty || pruneFrom != nil
    }

    /// The filters as pprof lists them under "Active filters:" in its
    /// reports (and `hide_runtime`, which pprof does not have).
    public var activeFilters: [String] {
        var f: [String] = []
        if hideRuntime { f.append("hide_runtime") }
        if let p = names.focus { f.append("focus=" + p.source) }
        if let p = names.ignore { f.append("ignore=" + p.source) }
        if let p = names.hide { f.append("hide=" + p.source) }
        if let p = names.show { f.append("show=" + p.source) }
        if let p = showFrom { f.append("show_from=" + p.source) }
        if let t = tagFocus { f.append("tagfocus=" + t.source) }
        if let t = tagIgnore { f.append("tagignore=" + t.source) }
        if let p = tagShow { f.append("tagshow=" + p.source) }
        if let p = tagHide { f.append("taghide=" + p.source) }
        return f  // pprof leaves prune_from out of the list

    }

    /// Applies every step to `profile` (and to `base`, when comparing).
    public func apply(to profile: Profile, base: Profile? = nil) throws(ProfileError) -> TransformedProfile {
        // A profile without sample types can still be converted; a writer
        // that needs values says so itself.
        let index = profile.sampleTypes.isEmpty && sampleIndex == nil ? 0 : try profile.sampleIndex(for: sampleIndex)
        var warnings: [String] = []
        let new = filter(chosen(profile, index), warnings: &warnings)
        var result = TransformedProfile(profile: new, sampleIndex: index,
                                        unfilteredTotal: profile.magnitude(at: index),
                                        activeFilters: activeFilters, granularity: granularity)
        if let base {
            let baseIndex = try base.sampleIndex(for: sampleIndex)
            var ignored: [String] = []
            result.base = filter(chosen(base, baseIndex), warnings: &ignored)
            result.baseSampleIndex = baseIndex
            result.normalize = normalize
            // pprof's computeTotal: a diff's percentages are of the base's total.
            result.unfilteredTotal = base.magnitude(at: baseIndex)
        }
        result.warnings = warnings
        return result
    }

    /// The profile with the chosen sample type as its default, so that
    /// writers of every sample type (pprof) keep the choice too.
    private func chosen(_ profile: Profile, _ index: Int) -> Profile {
        guard sampleIndex != nil, profile.sampleTypes.indices.contains(index) else { return profile }
        var p = profile
        p.defaultSampleType = p.sampleTypes[index].type
        return p
    }

    private func filter(_ profile: Profile, warnings: inout [String]) -> Profile {
        var p = profile
        if !labelRootFrames.isEmpty { p = p.addingLabelFrames(keys: labelRootFrames, atLeaf: false) }
        if !labelLeafFrames.isEmpty { p = p.addingLabelFrames(keys: labelLeafFrames, atLeaf: true) }
        if hideRuntime { p = p.hidingRuntimeFrames() }
        if collapseRecursion { p = p.collapsingRecursion() }
        let (named, m) = p.filtered(by: names)
        p = named
        if names.focus != nil && !m.focus { warnings.append("Focus expression matched no samples") }
        if names.ignore != nil && !m.ignore { warnings.append("Ignore expression matched no samples") }
        if names.hide != nil && !m.hide { warnings.append("Hide expression matched no samples") }
        if names.show != nil && !m.show { warnings.append("Show expression matched no samples") }
        if let showFrom {
            let (shown, matched) = p.showingFrom(showFrom)
            p = shown
            if !matched { warnings.append("ShowFrom expression matched no samples") }
        }
        let (tagged, fm, im) = p.filtered(tagFocus: tagFocus, tagIgnore: tagIgnore)
        p = tagged
        if tagFocus != nil && !fm { warnings.append("TagFocus expression matched no samples") }
        if tagIgnore != nil && !im { warnings.append("TagIgnore expression matched no samples") }
        let (labelled, sm, hm) = p.keepingLabels(show: tagShow, hide: tagHide)
        p = labelled
        if tagShow != nil && !sm { warnings.append("TagShow expression matched no samples") }
        if tagHide != nil && !hm { warnings.append("TagHide expression matched no samples") }
        if let pruneFrom { p = p.pruningFrom(pruneFrom) }
        if let granularity { p = p.aggregated(granularity) }
        return p
    }
}

/// A profile after the transform stage, with what reports need to know of
/// what was done to it.
public struct TransformedProfile: Sendable {
    /// The transformed profile (for a diff, the new one).
    public var profile: Profile
    /// The chosen sample type of ``profile``.
    public var sampleIndex: Int
    /// The sum of absolute values of the chosen sample type before any
    /// filter: pprof's reports give percentages of this total.
    public var unfilteredTotal: Int64
    /// The filters applied, as pprof names them in report headers.
    public var activeFilters: [String]
    /// The granularity the profile was merged to, if any.
    public var granularity: Granularity?
    /// Filters that matched nothing, in pprof's words.
    public var warnings: [String] = []
    /// The transformed base profile of a diff.
    public var base: Profile?
    /// The sample index resolved in the base profile (see ``base``).
    public var baseSampleIndex = 0
    /// Scale the new profile to the base's totals when comparing.
    public var normalize = false

    /// The diff as pprof's `-diff_base` writes it (the new samples, then the
    /// base's negated and labelled `pprof::base=true`); the profile itself
    /// when there is no base.
    public func delta() throws(ProfileError) -> Profile {
        guard let base else { return profile }
        return try ProfileDiff.pprofDelta(base: base, new: profile, normalize: normalize)
    }

    /// The diff as one profile of two sample types, base then new, which
    /// differential folded output and flame graphs draw; nil without a base.
    public func twoColumn() throws(ProfileError) -> Profile? {
        guard let base else { return nil }
        return try ProfileDiff.twoColumn(base: base, baseIndex: baseSampleIndex, new: profile,
                                         newIndex: sampleIndex, normalize: normalize)
    }
}

extension Profile {
    /// The sum of absolute values of sample type `index`, saturating.
    public func magnitude(at index: Int) -> Int64 {
        guard sampleTypes.indices.contains(index) else { return 0 }
        var total: Int64 = 0
        for s in 0..<samples.count { total = total.saturatingAdd(samples.value(of: s, at: index).saturatingMagnitude) }
        return total
    }
}
