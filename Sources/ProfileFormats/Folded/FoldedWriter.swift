import ProfileCore

/// Writes folded stacks: `root;caller;leaf VALUE`, one line per distinct
/// stack, zero stacks left out, lines sorted bytewise. Samples without
/// locations are the line `[no stack] VALUE` (``StackSet/noStackFrame``),
/// so the file's total stays the profile's.
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
    ///
    /// Lines are built in a local buffer handed to the sink a megabyte at a
    /// time: the hot loop touches no class state.
    static func write(_ stacks: StackSet, to output: ByteSink) throws {
        var chunk: [UInt8] = []
        chunk.reserveCapacity((1 << 20) + (64 << 10))
        let offsets = stacks.frames.offsets
        let noStack = Array(StackSet.noStackFrame.utf8)
        try stacks.frames.bytes.withUnsafeBufferPointer { names in
            for i in stacks.bytewiseOrder() {
                if stacks.frames(of: i).isEmpty { chunk.append(contentsOf: noStack) }
                var first = true
                for f in stacks.frames(of: i) {
                    if !first { chunk.append(UInt8(ascii: ";")) }
                    first = false
                    chunk.append(contentsOf: UnsafeBufferPointer(rebasing: names[offsets[Int(f)]..<offsets[Int(f) + 1]]))
                }
                for c in 0..<stacks.columns {
                    chunk.append(UInt8(ascii: " "))
                    chunk.appendDecimal(stacks.value(of: i, column: c))
                }
                chunk.append(UInt8(ascii: "\n"))
                if chunk.count >= 1 << 20 {
                    try output.write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
        }
        try output.write(chunk)
    }
}
