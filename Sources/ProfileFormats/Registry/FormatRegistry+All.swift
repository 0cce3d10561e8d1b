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
        CallgrindFormat.self,
        D3FlameGraphFormat.self,
        ReportFormat.self,
        CPUProfileFormat.self,
        HeapProfileFormat.self,
        ChromeTraceFormat.self,
    ]
}
