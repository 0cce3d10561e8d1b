import ProfileCore
@testable import ProfileFormats
import Testing

/// A profile like ones found in the wild: one function name holding every
/// byte value 1…255 (invalid UTF-8 included), called from `main`.
private func everyByteProfile() throws -> Profile {
    var b = ProfileBuilder(sampleTypes: [("samples", "count")])
    let bytes = [UInt8](1...255)
    let name = bytes.withUnsafeBytes { b.intern(bytes: $0) }
    let main = b.location(function: b.function(name: b.intern("main"), file: b.intern("/src/main.go")), line: 3)
    let odd = b.location(function: b.function(name: name, file: b.intern("/src/a\nb.go")), line: 7)
    b.addSample(locations: [odd, main], value: 5)
    b.addSample(locations: [main], value: 2)
    // Through the pprof codec, as such a file would arrive.
    return try FormatRegistry.read(PprofFormat.encode(b.build())).profile
}

/// Whether `text` holds a control character other than `allowed`.
private func hasControl(_ text: String, allowing allowed: Set<Unicode.Scalar> = ["\n"]) -> Bool {
    text.unicodeScalars.contains { Escape.isControl($0.value) && !allowed.contains($0) }
}

@Suite("Names with any byte in line-based outputs")
struct ControlCharacterTests {
    @Test("folded writes control characters as U+FFFD: one line per stack, and the file reads back")
    func folded() throws {
        let text = try written(everyByteProfile(), as: FoldedFormat.self)
        #expect(!hasControl(text))
        #expect(text.split(separator: "\n").count == 2)
        let back = try readText(text, format: FoldedFormat.self).profile
        #expect(back.samples.count == 2)
        #expect(back.totals() == [7])
    }

    @Test("a `;` inside a name splits the frame when folded text is read back: the format has no escape")
    func semicolon() throws {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        b.addSample(locations: [b.location(function: b.function(name: b.intern("<[u8; 8] as Debug>::fmt")))], value: 1)
        let text = try written(b.build(), as: FoldedFormat.self)
        #expect(text == "<[u8; 8] as Debug>::fmt 1\n")
        let back = try readText(text, format: FoldedFormat.self).profile
        #expect(back.samples.locations(of: 0).map { back.string(back.functions[Int(back.lines(ofLocation: $0).first!.functionIndex)].name) }
                == [" 8] as Debug>::fmt", "<[u8"])
    }

    @Test("top (text and CSV), traces, debug=1 and DOT never write a raw control character", arguments: ["top", "csv", "traces", "debug1", "dot"])
    func reports(output: String) throws {
        let p = try everyByteProfile()
        var options = WriteOptions()
        let format: any ProfileWriter.Type
        switch output {
        case "top": format = TopFormat.self
        case "csv": format = TopFormat.self; options[TopFormat.Options.self].style = .csv
        case "traces": format = TracesFormat.self
        case "debug1": format = GoDebug1Format.self
        default: format = DotFormat.self
        }
        let text = try written(p, as: format, options: options)
        // debug=1 aligns its `#` columns with tabs.
        #expect(!hasControl(text, allowing: output == "debug1" ? ["\n", "\t"] : ["\n"]))
        #expect(text.contains("\u{FFFD}"))
        if output == "csv" { #expect(text.split(separator: "\n").count == 3) }  // header + 2 functions
    }

    @Test("the debug=1 text of such a name reads back with the same stacks")
    func debug1RoundTrip() throws {
        let text = try written(everyByteProfile(), as: GoDebug1Format.self)
        let back = try readText(text).profile
        #expect(back.totals() == [7])
        #expect(back.samples.count == 2)
    }
}
