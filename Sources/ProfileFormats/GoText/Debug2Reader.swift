import ProfileCore

/// Reads Go goroutine dumps (see ``GoDebug2Format``) in one pass over the
/// bytes. Each distinct frame text is interned once through a
/// ``ByteKeyCache``, so a repeated frame costs one hash and one compare.
struct Debug2Reader {
    private var builder = ProfileBuilder(sampleTypes: [("goroutine", "count")])
    private let options: GoDebug2Format.Options
    private var cursor: LineCursor
    /// (function text, `file:line` text) → index into `frameLines`.
    private var frameCache = ByteKeyCache()
    private var frameLines: [(line: Line, location: Int32)] = []
    private var stateCache = ByteKeyCache()
    private var stateLabels: [Label] = []

    // The goroutine being read.
    private var locations: [Int32] = []
    private var inlined: [Line] = []
    private var labels: [Label] = []
    private var goroutines = 0
    private var skippedLines = 0
    private var firstSkippedLine = 0
    private var malformedFrames = 0
    private var firstMalformed: (line: Int, text: String) = (0, "")
    /// `[originating from goroutine N]:` sections of the goroutine being read
    /// (GODEBUG=tracebackancestors): the ids, and their frames (leaf first,
    /// nearest ancestor first) for ``GoDebug2Format/Options/creatorFrames``.
    private var ancestorIDs: [Int64] = []
    private var ancestorLocations: [Int32] = []

    private let keyState, keyWait, keyMinutes, keyLocked, valueTrue, keyCreator, keyElided, keyAncestors: Int32
    private var keyCreatedBy: Int32 = 0, keyCreatedAt: Int32 = 0
    /// `created by` frame line → its `created at` label, so the text is made once per site.
    private var creatorSites: [Line: Label] = [:]

    init(_ input: UnsafeRawBufferPointer, options: GoDebug2Format.Options) {
        self.options = options
        cursor = LineCursor(TextEncoding.droppingUTF8BOM(input))
        keyState = builder.intern("state")
        keyWait = builder.intern("wait")
        keyMinutes = builder.intern("minutes")
        keyLocked = builder.intern("locked to thread")
        valueTrue = builder.intern("true")
        keyCreator = builder.intern("creator goroutine")
        keyElided = builder.intern("elided")
        keyAncestors = builder.intern("ancestors")
        if options.creatorLabels {
            keyCreatedBy = builder.intern("created by")
            keyCreatedAt = builder.intern("created at")
        }
        let t = builder.intern("goroutine"), u = builder.intern("count")
        builder.withProfile { p in
            p.periodType = ValueType(type: t, unit: u)
            p.period = 1
        }
    }

    mutating func read(warnings: inout Warnings) throws -> Profile {
        var pending = cursor.next()
        while let line = pending {
            if line.hasPrefix("goroutine ") && line.count > 10 && Digits.isDigit(line[10]) {
                pending = try readGoroutine(header: line, warnings: &warnings)
            } else {
                if !line.isEmpty && goroutines > 0 {
                    skippedLines += 1
                    if firstSkippedLine == 0 { firstSkippedLine = cursor.lineNumber }
                }
                pending = cursor.next()
            }
        }
        guard goroutines > 0 else {
            throw ProfileError.atLine(1, "no goroutine found: a goroutine dump has headers like `goroutine 1 [running]:`")
        }
        if malformedFrames > 0 {
            let more = malformedFrames > 1 ? " and \(malformedFrames - 1) more" : ""
            warnings.add("line \(firstMalformed.line): left out the malformed frame \"\(firstMalformed.text)\"\(more) (a frame line is `function(arguments)`)")
        }
        if skippedLines > 0 {
            warnings.add("skipped \(skippedLines) line\(skippedLines == 1 ? "" : "s") outside goroutine records (first: line \(firstSkippedLine))")
        }
        return builder.build()
    }

    /// Reads one goroutine record; returns the first line after it.
    private mutating func readGoroutine(header: UnsafeRawBufferPointer, warnings: inout Warnings) throws -> UnsafeRawBufferPointer? {
        let headerLine = cursor.lineNumber
        locations.removeAll(keepingCapacity: true)
        inlined.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        ancestorIDs.removeAll(keepingCapacity: true)
        ancestorLocations.removeAll(keepingCapacity: true)
        let headerComplete = try readHeader(header, headerLine)
        var creator: Int32 = -1
        // A goroutine has at least one frame line: a header ending the input is cut off.
        var cutOff = !headerComplete || cursor.lastLineUnterminated
        var next: UnsafeRawBufferPointer?
        while !cutOff, let line = cursor.next() {
            if line.isEmpty || (line[0] != 0x09 && line.hasPrefix("goroutine ") && line.count > 10 && Digits.isDigit(line[10])) {
                next = line
                break
            }
            if line[0] == 0x09 { continue }  // e.g. "\tgoroutine running on other thread; stack unavailable"
            if let id = Self.ancestorHeader(line) {
                ancestorIDs.append(id)
                continue
            }
            if line[0] == UInt8(ascii: ".") && line.hasPrefix("...") {
                // An ancestor's elision is about the ancestor, not this goroutine.
                if ancestorIDs.isEmpty { try elision(line) }
                continue
            }
            guard let fileLine = cursor.peek(), !fileLine.isEmpty, fileLine[0] == 0x09 else {
                if cursor.atEnd || cursor.lastLineUnterminated { cutOff = true; break }
                continue  // not a frame: a stray line inside the record
            }
            _ = cursor.next()
            // A pasted dump often ends without a newline: its last `file:line` is whole.
            if cursor.lastLineUnterminated && !Self.isCompletePlace(fileLine) { cutOff = true; break }
            if !ancestorIDs.isEmpty {
                // Ancestors print every frame as `f(...)` and their own creator
                // after them: frames of the ancestor, never of this goroutine.
                if !line.hasPrefix("created by ") { addAncestorFrame(line, fileLine) }
                continue
            }
            if line.hasPrefix("created by ") {
                var end = line.count
                if let g = ByteSearch.findLast(line, " in goroutine ", 11, line.count) {
                    var i = g + 14
                    if let id = Digits.decimal(line, &i), i == line.count {
                        labels.append(Label(key: keyCreator, num: id))
                        end = g
                    }
                }
                let site = frame(name: line.slice(11, end), file: fileLine)
                creator = site.location
                if options.creatorLabels { appendCreatorLabels(site.line) }
                continue
            }
            try addFrame(line, fileLine)
        }
        if cutOff {
            warnings.add("the dump ends in the middle of goroutine record at line \(headerLine) (cut off); it is kept with the frames read so far")
        }
        // Inlined frames with no physical caller left (a cut-off stack) still count.
        if !inlined.isEmpty {
            locations.append(builder.location(lines: inlined))
            inlined.removeAll(keepingCapacity: true)
        }
        if options.creatorFrames && creator >= 0 { locations.append(creator) }
        if !ancestorIDs.isEmpty {
            labels.append(Label(key: keyAncestors, str: builder.intern(ancestorIDs.map(String.init).joined(separator: ","))))
            if options.creatorFrames {
                // The nearest ancestor's leaf is the `go` statement already
                // added as the creator frame (printed one line later, from the
                // return address): it is not repeated.
                var chain = ancestorLocations[...]
                if let first = chain.first, creator >= 0, functionOf(first) == functionOf(creator) { chain = chain.dropFirst() }
                locations.append(contentsOf: chain)
            }
        }
        // The non-generic appends: the generic `addSample` is not specialized
        // across modules and costs a metadata lookup per goroutine.
        builder.withProfile { p in
            for l in locations { p.samples.appendLocation(l) }
            p.samples.appendValue(1)
            for l in labels { p.samples.appendLabel(l) }
            p.samples.endSample()
        }
        goroutines += 1
        return next ?? (cutOff ? nil : cursor.next())
    }

    private func functionOf(_ location: Int32) -> Int32 {
        builder.profile.lines(ofLocation: location).first?.functionIndex ?? -1
    }

    /// The N of `[originating from goroutine N]:`, or nil for any other line.
    private static func ancestorHeader(_ line: UnsafeRawBufferPointer) -> Int64? {
        guard line.hasPrefix("[originating from goroutine ") else { return nil }
        var i = 28
        guard let id = Digits.decimal(line, &i), line.slice(i, line.count).hasPrefix("]:"), i + 2 == line.count else { return nil }
        return id
    }

    /// Whether `\tfile:line [+0xOFF …]` holds a whole `file:line` (the last
    /// line of a dump may have lost its end).
    private static func isCompletePlace(_ fileLine: UnsafeRawBufferPointer) -> Bool {
        var e = 1
        while e < fileLine.count && fileLine[e] != 0x20 { e += 1 }
        guard let colon = ByteSearch.findLast(fileLine, ":", 1, e) else { return false }
        var q = colon + 1
        return Digits.decimal(fileLine, &q) != nil && q == e
    }

    /// One frame of an ancestor section: `f(...)`, each its own location.
    private mutating func addAncestorFrame(_ line: UnsafeRawBufferPointer, _ fileLine: UnsafeRawBufferPointer) {
        guard let end = Self.argumentsStart(line) else { return }
        ancestorLocations.append(frame(name: line.slice(0, end), file: fileLine).location)
    }

    /// Where the arguments of a frame line `function(arguments)` start: the
    /// last balanced `(…)` closing the line. Nil for a line that is not a frame.
    private static func argumentsStart(_ line: UnsafeRawBufferPointer) -> Int? {
        guard line.count > 2, line[line.count - 1] == UInt8(ascii: ")") else { return nil }
        var depth = 0
        var k = line.count - 1
        while k > 0 {
            let b = line[k]
            if b == UInt8(ascii: ")") { depth += 1 } else if b == UInt8(ascii: "(") {
                depth -= 1
                if depth == 0 { return k }
            }
            k -= 1
        }
        return nil
    }

    /// `goroutine ID [gp=… m=… mp=…] [STATE(, N minutes)(, locked to thread)] ({k: v, …}):`.
    /// Returns false when the header itself is cut off.
    private mutating func readHeader(_ line: UnsafeRawBufferPointer, _ n: Int) throws -> Bool {
        guard let open = ByteSearch.find(line, " [", 10) else {
            if cursor.lastLineUnterminated { return false }
            throw ProfileError.atLine(n, "bad goroutine header \"\(line.excerpt)\": no `[state]`")
        }
        guard let close = ByteSearch.findLast(line, "]", open + 2, line.count) else {
            if cursor.lastLineUnterminated { return false }
            throw ProfileError.atLine(n, "bad goroutine header \"\(line.excerpt)\": no `]`")
        }
        var stateEnd = close
        // Optional trailing parts, from the end.
        while true {
            if let c = ByteSearch.findLast(line, ", ", open + 2, stateEnd) {
                let part = line.slice(c + 2, stateEnd)
                if part.hasPrefix("locked to thread") && part.count == 16 {
                    labels.append(Label(key: keyLocked, str: valueTrue))
                    stateEnd = c
                    continue
                }
                var i = 0
                if let minutes = Digits.decimal(part, &i), part.slice(i, part.count).hasPrefix(" minutes") {
                    labels.append(Label(key: keyWait, num: minutes, numUnit: keyMinutes))
                    stateEnd = c
                    continue
                }
            }
            break
        }
        let state = line.slice(open + 2, stateEnd)
        let h = stateCache.hash(state, UnsafeRawBufferPointer(start: nil, count: 0))
        if let s = stateCache.value(state, UnsafeRawBufferPointer(start: nil, count: 0), hash: h) {
            labels.append(stateLabels[Int(s)])
        } else {
            let label = Label(key: keyState, str: builder.intern(bytes: state))
            stateCache.insert(state, UnsafeRawBufferPointer(start: nil, count: 0), hash: h, value: Int32(stateLabels.count))
            stateLabels.append(label)
            labels.append(label)
        }
        var i = close + 1
        Digits.skipSpaces(line, &i)
        if i < line.count && line[i] == UInt8(ascii: "{") {
            try headerLabels(line, &i, n)
        }
        return line.count > 0 && line[line.count - 1] == UInt8(ascii: ":")
    }

    /// Go 1.27 header labels: `{key: value, key: "quoted value"}`.
    private mutating func headerLabels(_ line: UnsafeRawBufferPointer, _ i: inout Int, _ n: Int) throws {
        let bad = ProfileError.atLine(n, "bad labels in goroutine header \"\(line.excerpt)\"")
        i += 1
        while true {
            Digits.skipSpaces(line, &i)
            guard i < line.count else { throw bad }
            if line[i] == UInt8(ascii: "}") { i += 1; return }
            let key = try token(line, &i, stop: UInt8(ascii: ":"), bad)
            guard i < line.count && line[i] == UInt8(ascii: ":") else { throw bad }
            i += 1
            Digits.skipSpaces(line, &i)
            let value = try token(line, &i, stop: UInt8(ascii: ","), bad)
            labels.append(Label(key: key, str: value))
            Digits.skipSpaces(line, &i)
            if i < line.count && line[i] == UInt8(ascii: ",") { i += 1 }
        }
    }

    /// A quoted (Go `%q`) or bare token, up to `stop` or `}`.
    private mutating func token(_ line: UnsafeRawBufferPointer, _ i: inout Int, stop: UInt8, _ bad: ProfileError) throws -> Int32 {
        if i < line.count && line[i] == UInt8(ascii: "\"") {
            guard let bytes = GoQuote.unquote(line, &i) else { throw bad }
            return bytes.withUnsafeBytes { builder.intern(bytes: $0) }
        }
        let s = i
        while i < line.count && line[i] != stop && line[i] != UInt8(ascii: "}") { i += 1 }
        var e = i
        while e > s && Digits.isSpace(line[e - 1]) { e -= 1 }
        return builder.intern(bytes: line.slice(s, e))
    }

    /// `created by` = the creating function, `created at` = `file:line` of its `go` statement.
    private mutating func appendCreatorLabels(_ line: Line) {
        let function = builder.profile.functions[Int(line.functionIndex)]
        labels.append(Label(key: keyCreatedBy, str: function.name))
        if let at = creatorSites[line] {
            labels.append(at)
            return
        }
        let text = builder.profile.strings[function.filename] + ":" + String(line.line)
        let at = Label(key: keyCreatedAt, str: builder.intern(text))
        creatorSites[line] = at
        labels.append(at)
    }

    /// `...additional frames elided...` (before Go 1.21) or `...N frames elided...`.
    private mutating func elision(_ line: UnsafeRawBufferPointer) throws {
        var i = 3
        let value: String
        if let n = Digits.decimal(line, &i), line.slice(i, line.count).hasPrefix(" frames elided") {
            value = "\(n) frames"
        } else if line.hasPrefix("...additional frames elided") {
            value = "additional frames"
        } else {
            return
        }
        labels.append(Label(key: keyElided, str: builder.intern(value)))
    }

    /// A frame `func(args)` + `\tfile:line +0xOFF`; `(...)` marks an inlined call.
    private mutating func addFrame(_ line: UnsafeRawBufferPointer, _ fileLine: UnsafeRawBufferPointer) throws {
        guard let end = Self.argumentsStart(line) else {
            // `main.main)(`: no name is made of it; the stack goes on without it.
            malformedFrames += 1
            if malformedFrames == 1 { firstMalformed = (cursor.lineNumber - 1, Escape.visible(line.excerpt)) }
            return
        }
        let k = end
        let isInlined = line.count - k == 5 && line[k + 1] == UInt8(ascii: ".") && line[k + 2] == UInt8(ascii: ".") && line[k + 3] == UInt8(ascii: ".")
        let f = frame(name: line.slice(0, end), file: fileLine)
        if isInlined {
            inlined.append(f.line)
        } else if inlined.isEmpty {
            locations.append(f.location)
        } else {
            inlined.append(f.line)
            locations.append(builder.location(lines: inlined))
            inlined.removeAll(keepingCapacity: true)
        }
    }

    /// The line and one-line location of a frame, interned by its text.
    private mutating func frame(name: UnsafeRawBufferPointer, file fileLine: UnsafeRawBufferPointer) -> (line: Line, location: Int32) {
        // `\t/path/file.go:123 +0x1d fp=… sp=… pc=…`: keep `/path/file.go:123`.
        var e = 1
        while e < fileLine.count && fileLine[e] != 0x20 { e += 1 }
        let place = fileLine.slice(1, e)
        let h = frameCache.hash(name, place)
        if let k = frameCache.value(name, place, hash: h) { return frameLines[Int(k)] }
        var fileEnd = place.count
        var lineNumber: Int64 = 0
        if let colon = ByteSearch.findLast(place, ":", 0, place.count) {
            var q = colon + 1
            if let v = Digits.decimal(place, &q), q == place.count { lineNumber = v; fileEnd = colon }
        }
        // The runtime prints runtime.gopanic as `panic`; debug=0 names it.
        let nameID = name.count == 5 && name.hasPrefix("panic") ? builder.intern("runtime.gopanic") : builder.intern(bytes: name)
        let function = builder.function(name: nameID, file: builder.intern(bytes: place.slice(0, fileEnd)))
        let line = Line(functionIndex: function, line: lineNumber)
        let result = (line, builder.location(function: function, line: lineNumber))
        frameCache.insert(name, place, hash: h, value: Int32(frameLines.count))
        frameLines.append(result)
        return result
    }
}
