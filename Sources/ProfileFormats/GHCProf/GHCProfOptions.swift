/// Which column of a GHC report is the profile's default value: inferno's
/// `--ticks` and `--bytes` of `collapse-ghcprof` (the default is `%time`).
public struct GHCProfOptions: FormatOptions {
    /// The sample type shown by default: `time`, `ticks` or `bytes`.
    public var defaultSampleType = "time"
    public init() {}

    static let ticks = ReaderOption.flag("ticks", help: "GHC .prof input: show the ticks column (+RTS -P reports) by default, as inferno's --ticks.") {
        $0[GHCProfOptions.self].defaultSampleType = "ticks"
    }

    static let bytes = ReaderOption.flag("bytes", help: "GHC .prof input: show the bytes column (+RTS -P reports) by default, as inferno's --bytes.") {
        $0[GHCProfOptions.self].defaultSampleType = "bytes"
    }
}
