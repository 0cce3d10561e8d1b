import ProfileCore

/// Encodes a ``Profile`` as `profile.proto`, in the field order Go's
/// `profile.Write` uses, streaming messages into a sink.
enum PprofEncoder {
    static func encode(_ p: Profile, to emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var out = WireWriter()
        var inner = WireWriter()
        out.bytes.reserveCapacity(1 << 20)

        func flushIfLarge() throws {
            if out.bytes.count >= 1 << 20 {
                try out.bytes.withUnsafeBytes(emit)
                out.removeAll()
            }
        }

        for t in p.sampleTypes {
            inner.removeAll()
            valueType(t, into: &inner)
            out.message(1, inner)
        }

        let n = p.samples.valuesPerSample
        for i in 0..<p.samples.count {
            inner.removeAll()
            inner.packed(1, p.samples.locations(of: i)) { p.locations[Int($0)].id }
            if n > 0 { inner.packed(2, p.samples.values(of: i)) { UInt64(bitPattern: $0) } }
            for l in p.samples.labels(of: i) {
                var lw = WireWriter()
                lw.int(1, Int64(l.key))
                lw.int(2, Int64(l.str))
                lw.int(3, l.num)
                lw.int(4, Int64(l.numUnit))
                inner.message(3, lw)
            }
            out.message(2, inner)
            try flushIfLarge()
        }

        for m in p.mappings {
            inner.removeAll()
            inner.uint(1, m.id)
            inner.uint(2, m.memoryStart)
            inner.uint(3, m.memoryLimit)
            inner.uint(4, m.fileOffset)
            inner.int(5, Int64(m.filename))
            inner.int(6, Int64(m.buildID))
            inner.bool(7, m.hasFunctions)
            inner.bool(8, m.hasFilenames)
            inner.bool(9, m.hasLineNumbers)
            inner.bool(10, m.hasInlineFrames)
            out.message(3, inner)
        }

        var lineWriter = WireWriter()
        for loc in p.locations {
            inner.removeAll()
            inner.uint(1, loc.id)
            if loc.mappingIndex >= 0 { inner.uint(2, p.mappings[Int(loc.mappingIndex)].id) }
            inner.uint(3, loc.address)
            for line in p.lines[loc.lineRange] {
                lineWriter.removeAll()
                if line.functionIndex >= 0 { lineWriter.uint(1, p.functions[Int(line.functionIndex)].id) }
                lineWriter.int(2, line.line)
                lineWriter.int(3, line.column)
                inner.message(4, lineWriter)
            }
            inner.bool(5, loc.isFolded)
            out.message(4, inner)
            try flushIfLarge()
        }

        for f in p.functions {
            inner.removeAll()
            inner.uint(1, f.id)
            inner.int(2, Int64(f.name))
            inner.int(3, Int64(f.systemName))
            inner.int(4, Int64(f.filename))
            inner.int(5, f.startLine)
            out.message(5, inner)
            try flushIfLarge()
        }

        for (i, s) in p.strings.strings.enumerated() {
            if let original = p.strings.originalBytes[Int32(i)] {
                out.bytesField(6, original)  // invalid UTF-8 as it was read
            } else {
                out.string(6, s)
            }
            try flushIfLarge()
        }

        out.int(7, Int64(p.dropFrames))
        out.int(8, Int64(p.keepFrames))
        out.int(9, p.timeNanos)
        out.int(10, p.durationNanos)
        if let pt = p.periodType {
            inner.removeAll()
            valueType(pt, into: &inner)
            out.message(11, inner)
        }
        out.int(12, p.period)
        out.packed(13, p.comments) { UInt64($0) }
        out.int(14, Int64(p.defaultSampleType))
        out.int(15, Int64(p.docURL))
        try out.bytes.withUnsafeBytes(emit)
    }

    private static func valueType(_ t: ValueType, into w: inout WireWriter) {
        w.int(1, Int64(t.type))
        w.int(2, Int64(t.unit))
    }
}
