import ProfileCore

/// What each sampled event counts, and where its fields are.
enum JFRSampleKind: Int, CaseIterable {
    case cpu, wall, allocationSample, allocationTLAB, lock, park

    /// The events read, by name, and the field holding each one's value
    /// (nil: each event counts one).
    static let events: [(name: String, kind: JFRSampleKind, value: String?)] = [
        ("jdk.ExecutionSample", .cpu, nil),
        ("jdk.NativeMethodSample", .wall, nil),
        // async-profiler's wall-clock mode: one event stands for `samples` samples.
        ("profiler.WallClockSample", .wall, "samples"),
        ("jdk.ObjectAllocationSample", .allocationSample, "weight"),
        // The size of the new TLAB stands for the bytes allocated since the
        // last one; an object outside any TLAB is its own size.
        ("jdk.ObjectAllocationInNewTLAB", .allocationTLAB, "tlabSize"),
        ("jdk.ObjectAllocationOutsideTLAB", .allocationTLAB, "allocationSize"),
        ("jdk.JavaMonitorEnter", .lock, "duration"),
        ("jdk.ThreadPark", .park, "duration"),
    ]

    /// Whether the value is a duration in ticks of the chunk's clock.
    var isDuration: Bool { self == .lock || self == .park }
}

/// Where one event type's stack trace, thread and value are among its fields.
struct JFREventLayout {
    var kind: JFRSampleKind
    var fields: [JFRMetadata.Field]
    var stackTrace: Int
    var thread: Int
    var value: Int
    /// The last of those: fields after it are not read.
    var lastNeeded: Int

    /// The layouts of the sampled events a chunk's metadata declares, by
    /// event type id; an event type whose fields are not as the JDK writes
    /// them is left out, with a warning.
    static func layouts(_ metadata: JFRMetadata, warnings: inout Warnings) -> [Int64: JFREventLayout] {
        var layouts: [Int64: JFREventLayout] = [:]
        for event in JFRSampleKind.events {
            guard let index = metadata.index(named: event.name) else { continue }
            let type = metadata[index]
            let fields = type.fields
            func find(_ name: String) -> Int { fields.firstIndex { $0.name == name } ?? -1 }
            let stack = find("stackTrace")
            let thread = find("sampledThread") >= 0 ? find("sampledThread") : find("eventThread")
            let value = event.value.map(find) ?? -1
            func isReference(_ i: Int) -> Bool { i >= 0 && fields[i].constantPool && !fields[i].isArray }
            let valueReadable = event.value == nil || (value >= 0 && !fields[value].isArray && !fields[value].constantPool && metadata[fields[value].type].kind == .varint)
            guard isReference(stack), thread < 0 || isReference(thread), valueReadable else {
                warnings.add("\(event.name) events are skipped: their fields are not the stack trace, thread and value profconv knows")
                continue
            }
            layouts[type.id] = JFREventLayout(kind: event.kind, fields: fields, stackTrace: stack, thread: thread,
                                              value: value, lastNeeded: max(stack, thread, value))
        }
        return layouts
    }
}
