import ArgumentParser
import ProfileFormats

/// Every output format's own options, shared by `convert` and `batch` so a
/// format's options work the same in both. A new format with options adds
/// its `@OptionGroup` here (one line) and one line to ``apply(to:)``.
struct ConversionOptionGroups: ParsableArguments {
    @OptionGroup var folded: FoldedOutputOptions

    func apply(to options: inout WriteOptions) {
        folded.apply(to: &options)
    }
}
