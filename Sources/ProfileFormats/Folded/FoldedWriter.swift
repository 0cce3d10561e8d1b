import ProfileCore

/// Writes folded stacks: `root;caller;leaf VALUE`, one line per distinct
/// stack, zero stacks left out, lines sorted bytewise. Samples without
/// locations are the line `[no stack] VALUE` (``StackSet/noStackFrame``),
/// so the file's total stays the profile's. A control character in a name
/// (newline, tab, escape, …) is written as U+FFFD, so every stack stays one
/// line; a `;` inside a name is written as it is and splits the frame in two
/// when read back, as in every folded tool (the format has no escape).
enum FoldedWriter {
    static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let folded = options[FoldedFormat.Options.self]
        var columns = [try profile.sampleIndex(for: options.sampleIndex)]
        if let base = options.context.diffBaseIndex { columns = [base, columns[0]] }
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
        let (bytes, offsets) = visibleNames(stacks.frames)
        let noStack = Array(StackSet.noStackFrame.utf8)
        try bytes.withUnsafeBufferPointer { names in
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

    /// The frame names' bytes and offsets, control characters replaced; one
    /// scan of the distinct names, and a copy only when some name needs it.
    private static func visibleNames(_ frames: FrameTable) -> (bytes: [UInt8], offsets: [Int]) {
        guard Escape.hasControl(frames.bytes) else { return (frames.bytes, frames.offsets) }
        var bytes: [UInt8] = []
        var offsets = [0]
        bytes.reserveCapacity(frames.bytes.count)
        for name in frames.names {
            bytes.append(contentsOf: Escape.visible(name).utf8)
            offsets.append(bytes.count)
        }
        return (bytes, offsets)
    }
}
