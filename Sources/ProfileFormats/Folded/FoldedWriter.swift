import ProfileCore

/// Writes folded stacks: `root;caller;leaf VALUE`, one line per distinct
/// stack, zero stacks left out, lines sorted bytewise.
enum FoldedWriter {
    static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let folded = options[FoldedFormat.Options.self]
        var columns = [try profile.sampleIndex(for: options.sampleIndex)]
        if let base = folded.differentialBaseIndex { columns = [base, columns[0]] }
        var stackOptions = StackSet.Options()
        stackOptions.naming = FrameNaming(withLines: folded.withLines)
        stackOptions.labelsAsRootFrames = folded.labelsAsRootFrames
        let stacks = StackSet(profile, sampleIndices: columns, options: stackOptions)
        try write(stacks, to: output)
    }

    /// Writes every stack of `stacks`, all its value columns after the frames.
    static func write(_ stacks: StackSet, to output: ByteSink) throws {
        try stacks.frames.bytes.withUnsafeBytes { names in
            for i in stacks.bytewiseOrder() {
                var first = true
                for f in stacks.frames(of: i) {
                    if !first { try output.write(byte: UInt8(ascii: ";")) }
                    first = false
                    try output.write(UnsafeRawBufferPointer(rebasing: names[stacks.frames.byteRange(f)]))
                }
                for c in 0..<stacks.columns {
                    try output.write(byte: UInt8(ascii: " "))
                    try output.write(decimal: stacks.value(of: i, column: c))
                }
                try output.write(byte: UInt8(ascii: "\n"))
            }
        }
    }
}
