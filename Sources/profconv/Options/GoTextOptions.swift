import ArgumentParser
import ProfileFormats

/// Read options of the Go text formats (`debug1`, `debug2`).
struct GoTextInputOptions: ParsableArguments {
    @Flag(name: .long, help: "Goroutine dumps: add the `created by` function as the outermost frame, to group goroutines by who started them (and, with GODEBUG=tracebackancestors, the ancestors' stacks beyond it).")
    var creatorFrames = false

    @Option(name: .long, help: ArgumentHelp("Go debug=1 heap text: the default sample type to record (alloc_space for an allocs profile; Go writes the same text for both).", valueName: "type"))
    var heapDefault: String?

    @Flag(name: .long, help: "Go debug=1 text: keep the leaf-side runtime frames Go hid (no `#` line) as bare 0x… addresses, for stacks as deep as debug=0.")
    var keepAddresses = false

    func apply(to options: inout ReadOptions) {
        options[GoDebug2Format.Options.self].creatorFrames = creatorFrames
        options[GoDebug1Format.Options.self].heapDefaultSampleType = heapDefault
        options[GoDebug1Format.Options.self].keepUnnamedFrames = keepAddresses
    }
}
