/// Whether frames are named `module`function` or `function` alone, for the
/// readers of profilers that print each frame's module (macOS `sample`,
/// VTune): inferno's `--no-modules`. One option type, so that the one flag
/// means the same to each of them.
public struct ModuleNameOptions: FormatOptions {
    /// Leave the module out of frame names.
    public var noModules = false
    public init() {}

    /// The `--no-modules` flag.
    static let flag = ReaderOption.flag("no-modules", help: "macOS sample and VTune input: name frames by function alone, without the module (`libsystem_kernel`__open` is `__open`).") {
        $0[ModuleNameOptions.self].noModules = true
    }
}
