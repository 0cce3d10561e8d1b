import ProfileCore
import ProfileSupport

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
    /// Names are copied inline into a ``BlockBuffer`` at a local write
    /// position, numbers formatted in place, megabyte blocks go to the sink:
    /// the hot loop touches raw memory only.
    static func write(_ stacks: StackSet, to output: ByteSink) throws {
        let (visible, offsets) = visibleNames(stacks.frames)
        // The no-stack frame after the names, then the padding the inline copy reads past them.
        let bytes = visible + StackSet.noStackFrame.utf8 + [UInt8](repeating: 0, count: BlockBuffer.padding)
        let noStack = visible.count..<bytes.count - BlockBuffer.padding
        // stacks.bytewiseOrder(), sorted on both cores.
        let order = stacks.frames.lineOrder(frames: stacks.stackFrames, starts: stacks.stackStart, halves: ForkJoin.bothHalves)
        let out = BlockBuffer(to: output)
        var at = out.start
        try bytes.withUnsafeBytes { names in
            try offsets.withUnsafeBufferPointer { offsets in
                try stacks.stackFrames.withUnsafeBufferPointer { frames in
                    try stacks.stackStart.withUnsafeBufferPointer { starts in
                        try stacks.values.withUnsafeBufferPointer { values in
                            let columns = stacks.columns
                            let names = names.baseAddress!
                            @inline(__always) func put(_ from: Int, _ n: Int) throws {
                                if n > out.limit - at { at = try out.room(n, at: at) }
                                BlockBuffer.copy(names + from, count: n, to: at)
                                // Every frame ends in ';'; the last one's becomes the ' ' before the value.
                                at[n] = UInt8(ascii: ";")
                                at += n + 1
                            }
                            for i in order {
                                let lo = Int(starts[i]), hi = Int(starts[i + 1])
                                if lo == hi { try put(noStack.lowerBound, noStack.count) }
                                for k in lo..<hi {
                                    let f = Int(frames[k]), from = offsets[f]
                                    try put(from, offsets[f + 1] - from)
                                }
                                at[-1] = UInt8(ascii: " ")
                                for c in 0..<columns {
                                    if at > out.limit { at = try out.room(0, at: at) }
                                    if c > 0 { at[0] = UInt8(ascii: " "); at += 1 }
                                    at += DecimalDigits.write(values[i * columns + c], to: at)
                                }
                                at[0] = UInt8(ascii: "\n")
                                at = try out.flushIfFull(at + 1)
                            }
                        }
                    }
                }
            }
        }
        _ = try out.flush(at)
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
