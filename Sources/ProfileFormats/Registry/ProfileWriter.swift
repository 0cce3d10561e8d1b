import ProfileCore

/// A format profconv writes, and what the output stage needs to know of it.
public protocol ProfileWriter: ProfileFormat {
    /// Writes `profile` to `output`. Warnings go to ``ByteSink/warn(_:)``.
    static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws

    /// Whether output in this format is binary, unfit for a terminal.
    static func isBinary(_ options: WriteOptions) -> Bool

    /// The options adjusted to what an output path says (`.pb` means raw
    /// protobuf); the output stage asks before every write.
    static func options(_ options: WriteOptions, forOutputPath path: String) -> WriteOptions

    /// Whether a diff reaches this writer as one profile of two sample
    /// types, base then new, to draw the difference (folded's two columns,
    /// red/blue flame graphs). Other writers get pprof's `-diff_base`
    /// profile, whose sum is new − base.
    static var drawsDifferences: Bool { get }

    /// Whether this writer, with `options`, sees samples only through the
    /// sums of their values per distinct location list (in no order, with
    /// no labels): a reader may then merge such samples as it decodes them
    /// (``ReadOptions/mergeSamplesByStack``) and never hold them all.
    static func writesMergedStacksOnly(_ options: WriteOptions) -> Bool

    /// Saves what the writes of one command share and keep in files of
    /// their own (the flame graphs' palette file), once after all of them.
    static func finishWrites(_ options: WriteOptions) throws
}

extension ProfileWriter {
    public static func isBinary(_ options: WriteOptions) -> Bool { false }
    public static func options(_ options: WriteOptions, forOutputPath path: String) -> WriteOptions { options }
    public static var drawsDifferences: Bool { false }
    public static func writesMergedStacksOnly(_ options: WriteOptions) -> Bool { false }
    public static func finishWrites(_ options: WriteOptions) throws {}
}
