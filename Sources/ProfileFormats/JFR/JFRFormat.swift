import ProfileCore

/// Java Flight Recorder recordings: `java -XX:StartFlightRecording`,
/// `jcmd PID JFR.dump`, async-profiler's `-o jfr`. Found by content, the
/// `FLR\0` magic of a chunk; a file is one chunk or several end to end.
///
/// Sample types, each from its events, summed per stack and thread:
/// - `cpu`/`count`: `jdk.ExecutionSample`;
/// - `wall`/`count`: `jdk.NativeMethodSample`, and async-profiler's
///   `profiler.WallClockSample` (its `samples`);
/// - `alloc`/`bytes`: the `weight` of `jdk.ObjectAllocationSample` (JDK 16
///   and later), else the `tlabSize` of `jdk.ObjectAllocationInNewTLAB` and
///   the `allocationSize` of `jdk.ObjectAllocationOutsideTLAB`;
/// - `lock`/`nanoseconds`: the duration of `jdk.JavaMonitorEnter`;
/// - `park`/`nanoseconds`: the duration of `jdk.ThreadPark`.
/// Only the types recorded are present; `cpu` is the default.
///
/// Frames are named `package.Class.method` (`java.util.ArrayList.add`),
/// with the line number of the stack trace; a frame the JIT inlined
/// becomes an inline line of its caller's location, as Go's inlining is
/// shown. Samples carry the
/// thread's Java name (`thread`) and OS thread id (`tid`). The recording's
/// start and length become the profile's time and duration.
public enum JFRFormat: ProfileReader {
    public static let name = "jfr"
    public static let aliases = ["flight-recorder"]
    public static let extensions = ["jfr"]
    public static let summary = "Java Flight Recorder recordings (JDK 11 to 25, async-profiler -o jfr) (read only)"

    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        JFRChunkHeader.startsChunk(prefix, at: 0) ? .certainly : .no
    }

    public static func canStart(with byte: UInt8) -> Bool { byte == JFRChunkHeader.magic[0] }

    public static var mergesSamplesByStack: Bool { true }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try JFRRecordingReader.read(input, mergingThreads: options.mergeSamplesByStack, warnings: &warnings)
    }
}

/// Reads the chunks of a recording one after the other.
enum JFRRecordingReader {
    static func read(_ bytes: UnsafeRawBufferPointer, mergingThreads: Bool, warnings: inout Warnings) throws -> Profile {
        guard !bytes.isEmpty else { throw ProfileError("the recording is empty") }
        var assembler = JFRProfileAssembler(mergingThreads: mergingThreads)
        var previous: (metadata: JFRMetadata, layouts: [Int64: JFREventLayout])? = nil
        var offset = 0
        while offset < bytes.count {
            let header = try JFRChunkHeader(bytes, at: offset)
            let chunkEnd = header.range.upperBound
            let metaAt = offset + header.metadataOffset
            // Chunks of one recording repeat their metadata: parse it once per id, as the JDK does.
            let metadataID = try JFRMetadata.peekID(bytes, at: metaAt, end: chunkEnd)
            let metadata: JFRMetadata, layouts: [Int64: JFREventLayout]
            if let previous, previous.metadata.id == metadataID {
                (metadata, layouts) = previous
            } else {
                metadata = try JFRMetadata(bytes, at: metaAt, end: chunkEnd)
                layouts = JFREventLayout.layouts(metadata, warnings: &warnings)
                previous = (metadata, layouts)
            }
            let pools = try JFRPools(bytes, chunk: header.range, last: offset + header.constantPoolOffset, metadata: metadata)
            var chunk = JFRChunkReader(bytes, header: header, metadata: metadata, layouts: layouts, pools: pools)
            try chunk.read(into: &assembler)
            assembler.addChunkTime(header)
            offset = chunkEnd
        }
        return assembler.build()
    }
}
