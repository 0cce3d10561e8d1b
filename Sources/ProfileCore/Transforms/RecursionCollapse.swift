extension Profile {
    /// The profile with direct recursion merged: in each stack, a frame
    /// that calls a frame of the same name (`main;recurse;recurse;recurse;helper`)
    /// is one frame (`main;recurse;helper`), as inferno-collapse-recursive
    /// and FlameGraph's stackcollapse-recursive.pl do to folded stacks.
    /// Frames are compared by their functions' names (a location with
    /// inlined frames by all of its names, in order); the outermost frame of
    /// a run is kept. Values and labels stay; the locations are the same.
    public func collapsingRecursion() -> Profile {
        // One key per location: its function's name, or for several lines
        // the index of their names in a table, kept apart by sign.
        var key = [Int64](repeating: 0, count: locations.count)
        var multi: [[Int32]: Int64] = [:]
        for (i, location) in locations.enumerated() {
            let range = location.lineRange
            if range.count == 1 {
                key[i] = Int64(functions[Int(lines[range.lowerBound].functionIndex)].name)
            } else {
                let names = lines[range].map { functions[Int($0.functionIndex)].name }
                if let k = multi[names] { key[i] = k } else {
                    let k = -Int64(multi.count) - 1
                    multi[names] = k
                    key[i] = k
                }
            }
        }
        var out = self
        var kept: [Int32] = []
        out.keepSampleLocations { stack in
            kept.removeAll(keepingCapacity: true)
            // Leaf first: a frame whose caller has its name is that caller.
            var i = stack.startIndex
            while i < stack.endIndex {
                let next = stack.index(after: i)
                if next == stack.endIndex || key[Int(stack[i])] != key[Int(stack[next])] { kept.append(stack[i]) }
                i = next
            }
            return kept
        }
        return out
    }
}
