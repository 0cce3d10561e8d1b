import ProfileCore

/// One part of a callgrind file (a dump: the whole run, a thread or a time
/// span) as a weighted call graph: the self cost of each function and the
/// inclusive cost of each call, per event. Functions are indices into the
/// reader's function table, shared by all parts.
struct CallgrindPart {
    /// The part's events, as indices into the profile's sample types.
    var eventTypes: [Int]
    /// `part:` and `thread:` of its header, when given.
    var number: Int64?
    var thread: Int64?

    var events: Int { eventTypes.count }

    /// Each self-cost row's function as its cost lines name it (with the
    /// file of `fi=`/`fe=` for inlined code), the function of the call graph
    /// it belongs to (the file at its `fn=`), and its costs (`events` a row).
    private(set) var rowFunction: [Int32] = []
    private(set) var rowNode: [Int32] = []
    private(set) var selfCosts: [Int64] = []
    private var rowOfFunction: [Int32: Int32] = [:]

    /// Calls, caller and callee, with their inclusive costs (`events` a row).
    private(set) var callCaller: [Int32] = []
    private(set) var callCallee: [Int32] = []
    private(set) var callCosts: [Int64] = []
    private var rowOfCall: [UInt64: Int32] = [:]

    /// Whether a sum passed `Int64.max` and was kept there.
    private(set) var saturated = false

    init(eventTypes: [Int]) { self.eventTypes = eventTypes }

    /// Rows held, self and call, for the caller's memory budget.
    var rowCount: Int { rowFunction.count + callCaller.count }

    /// The self-cost row of `function`, in the graph's `node`, made when new.
    mutating func selfRow(_ function: Int32, node: Int32) -> Int32 {
        if let r = rowOfFunction[function] { return r }
        let r = Int32(rowFunction.count)
        rowOfFunction[function] = r
        rowFunction.append(function)
        rowNode.append(node)
        selfCosts.append(contentsOf: repeatElement(0, count: events))
        return r
    }

    /// The row of the call from `caller` to `callee`, made when new.
    mutating func callRow(_ caller: Int32, _ callee: Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: caller)) << 32 | UInt64(UInt32(bitPattern: callee))
        if let r = rowOfCall[key] { return r }
        let r = Int32(callCaller.count)
        rowOfCall[key] = r
        callCaller.append(caller)
        callCallee.append(callee)
        callCosts.append(contentsOf: repeatElement(0, count: events))
        return r
    }

    /// Adds the first `count` costs of `costs` to self row `row`.
    mutating func addSelf(_ row: Int32, _ costs: [Int64], _ count: Int) {
        let base = Int(row) * events
        for e in 0..<count {
            let (r, o) = selfCosts[base + e].saturatingAddReportingOverflow(costs[e])
            selfCosts[base + e] = r
            if o { saturated = true }
        }
    }

    /// Adds the first `count` costs of `costs` to call row `row`.
    mutating func addCall(_ row: Int32, _ costs: [Int64], _ count: Int) {
        let base = Int(row) * events
        for e in 0..<count {
            let (r, o) = callCosts[base + e].saturatingAddReportingOverflow(costs[e])
            callCosts[base + e] = r
            if o { saturated = true }
        }
    }
}
