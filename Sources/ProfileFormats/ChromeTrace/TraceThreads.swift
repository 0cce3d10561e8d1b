import ProfileCore

/// The threads of a trace, named by `thread_name` metadata events: each
/// sample's labels `thread` (its name, else its tid), `pid` and `tid`.
struct TraceThreads {
    private var names: [ThreadKey: String] = [:]
    private struct ThreadKey: Hashable { var pid: Int64, tid: Int64 }

    /// A `thread_name` event: `args.name`.
    mutating func name(_ e: TraceEvent, _ s: inout JSONScanner) throws {
        try e.eachArgument(&s) { key, s in
            guard key == Array("name".utf8), s.peek() == UInt8(ascii: "\"") else { return false }
            names[ThreadKey(pid: e.pid, tid: e.tid)] = try s.string()
            return true
        }
    }

    func labels(pid: Int64, tid: Int64, _ builder: inout ProfileBuilder) -> [Label] {
        let name = names[ThreadKey(pid: pid, tid: tid)] ?? String(tid)
        return [builder.label("thread", name), builder.label("pid", number: pid), builder.label("tid", number: tid)]
    }
}
