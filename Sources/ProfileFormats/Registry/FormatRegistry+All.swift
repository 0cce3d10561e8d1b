extension FormatRegistry {
    /// All formats, as `profconv formats` lists them. Adding a format is one
    /// line here and its folder; what it declares (``ProfileReader``,
    /// ``ProfileWriter``) decides the rest.
    public static let all: [any ProfileFormat.Type] = [
        GoDebug1Format.self,
        GoDebug2Format.self,
        PprofFormat.self,
        FlameGraphFormat.self,
        FoldedFormat.self,
        TopFormat.self,
        DotFormat.self,
        TracesFormat.self,
        GraphMLFormat.self,
        CallGraphSVGFormat.self,
        SpeedscopeFormat.self,
        GHCProfFormat.self,
        JFRFormat.self,
        CallgrindFormat.self,
        D3FlameGraphFormat.self,
        ReportFormat.self,
        OTLPFormat.self,
        SampleFormat.self,
        VTuneFormat.self,
        VSProfFormat.self,
        XCTraceFormat.self,
        InstrumentsFormat.self,
        PMCStatFormat.self,
        PerfScriptFormat.self,
        DTraceFormat.self,
    ]
}
