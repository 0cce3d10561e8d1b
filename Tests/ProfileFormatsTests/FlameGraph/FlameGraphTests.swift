import Foundation
import ProfileCore
@testable import ProfileFormats
import Testing

private func layout(_ folded: String, _ configure: (inout FlameLayout.Options) -> Void = { _ in }) throws -> FlameLayout {
    let profile = try readText(folded, format: FoldedFormat.self).profile
    let index = try profile.sampleIndex(for: nil)
    let base = profile.sampleTypes.firstIndex { profile.strings[$0.type] == "base" }
    var options = FlameLayout.Options()
    configure(&options)
    let set = StackSet(profile, sampleIndices: base.map { [index, $0] } ?? [index])
    return FlameLayout(FlameStacks(set, valueColumn: 0, baseColumn: base == nil ? nil : 1), options: options)
}

private func layoutStacks(_ folded: String) throws -> FlameStacks {
    let profile = try readText(folded, format: FoldedFormat.self).profile
    return FlameStacks(StackSet(profile, sampleIndices: [try profile.sampleIndex(for: nil)]), valueColumn: 0)
}

/// `depth name start+width` per frame, in drawing order.
private func describe(_ l: FlameLayout) -> [String] {
    l.frames.map { "\($0.depth) \($0.name < 0 ? "all" : l.names.names[Int($0.name)]) \($0.start)+\($0.value)" }
}

private func svg(_ folded: String, _ configure: (inout FlameGraphFormat.Options) -> Void = { _ in }) throws -> String {
    var options = WriteOptions()
    configure(&options[FlameGraphFormat.Options.self])
    return try written(try readText(folded, format: FoldedFormat.self).profile, as: FlameGraphFormat.self, options: options)
}

private func xmllintAccepts(_ text: String) throws -> Bool {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fg-\(UUID().uuidString).svg").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    p.arguments = ["--noout", path]
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus == 0
}

@Suite("Flame graph layout")
struct FlameLayoutTests {
    @Test("frames merge common prefixes and siblings sort alphabetically, like flamegraph.pl")
    func mergesAndSorts() throws {
        let l = try layout("z;b 1\nm;c 2\nm;a 3\n")
        #expect(describe(l) == ["0 all 0+6", "1 m 0+5", "2 a 0+3", "2 c 3+2", "1 z 5+1", "2 b 5+1"])
    }

    @Test("a frame's width is its own value plus its children's")
    func widthsIncludeSelf() throws {
        let l = try layout("a 4\na;b 6\n")
        #expect(describe(l) == ["0 all 0+10", "1 a 0+10", "2 b 0+6"])
    }

    @Test("samples without locations count in the root `all`, as pprof's flame graph counts them")
    func noStackCountsInRoot() throws {
        let threads = profile([([], 6), (["main.main"], 1)], sampleType: ("threadcreate", "count"))
        let l = FlameLayout(FlameStacks(StackSet(threads, sampleIndices: [0]), valueColumn: 0))
        #expect(describe(l) == ["0 all 0+7", "1 main.main 0+1"])
    }

    @Test("--sort-by-weight puts the widest sibling first")
    func sortByWeight() throws {
        let l = try layout("m;a 1\nm;b 5\nm;c 3\n") { $0.sortByWeight = true }
        #expect(describe(l) == ["0 all 0+9", "1 m 0+9", "2 b 0+5", "2 c 5+3", "2 a 8+1"])
    }

    @Test("--reverse draws stacks leaf first")
    func reverse() throws {
        let l = try layout("m;a 1\nn;a 2\n") { $0.reverse = true }
        #expect(describe(l) == ["0 all 0+3", "1 a 0+3", "2 m 0+1", "2 n 1+2"])
    }

    @Test("--flamechart keeps the input order")
    func flameChart() throws {
        let l = try layout("z 1\na 2\n") { $0.flameChart = true }
        #expect(describe(l) == ["0 all 0+3", "1 z 0+1", "1 a 1+2"])
    }

    @Test("deep stacks are laid out without recursion")
    func deepStacks() throws {
        let deep = (0..<20_000).map { "f\($0)" }.joined(separator: ";") + " 1\n"
        let l = try layout(deep) { $0.sortByWeight = true }
        #expect(l.frames.count == 20_001)
        #expect(l.frames.last?.depth == 20_000)
    }

    @Test("minwidth prunes narrow frames and, with them, their children")
    func minWidthPrunes() throws {
        let l = try layout("a;b 1\nc 99\n")
        let visible = l.visibleFrames(minWidth: 2).map { describe(l)[$0] }
        #expect(visible == ["0 all 0+100", "1 c 1+99"])
    }

    @Test("a layout pruned while it is built holds exactly the visible frames of the full one, at their places",
          arguments: [false, true])
    func pruneWhileLayingOut(sortByWeight: Bool) throws {
        // Narrow subtrees between and under wide ones, at several depths.
        var folded = ""
        for i in 0..<40 {
            folded += "main;w\(i % 7);x\(i % 3);leaf\(i) \(i % 5 == 0 ? 50 : 1)\n"
            folded += "main;w\(i % 7);n\(i) 1\n"
        }
        let stacks = try layoutStacks(folded)
        var options = FlameLayout.Options()
        options.sortByWeight = sortByWeight
        let full = FlameLayout(stacks, options: options)
        for minWidth in [0.0, 1.5, 2, 10, 60, 1000] {
            let pruned = FlameLayout(stacks, options: options, minWidth: minWidth)
            let visible = full.visibleFrames(minWidth: minWidth)
            // The root stays even when narrower than minWidth: it holds the total.
            #expect(pruned.frames.count == max(1, visible.count))
            #expect(pruned.total == full.total)
            let kept = pruned.visibleFrames(minWidth: minWidth)
            #expect(kept.map { describe(pruned)[$0] } == visible.map { describe(full)[$0] })
            // Parents point at the same frames once renumbered.
            let renumbered = Dictionary(uniqueKeysWithValues: visible.enumerated().map { (Int32($0.element), Int32($0.offset)) })
            #expect(kept.map { pruned.frames[$0].parent } == visible.map { full.frames[$0].parent < 0 ? -1 : renumbered[full.frames[$0].parent]! })
        }
        #expect(FlameLayout(stacks, options: options, minWidth: 60).frames.count < full.frames.count / 4)
    }

    @Test("a differential frame carries the new width and the base value")
    func differential() throws {
        let l = try layout("m;a 5 8\nm;b 3 1\n")
        #expect(l.isDifferential)
        let m = l.frames[1]
        #expect(m.value == 9 && m.base == 8)
        #expect(l.frames.map(\.value) == [9, 9, 8, 1] && l.frames.map(\.base) == [8, 8, 5, 3])
    }
}

@Suite("Flame graph SVG")
struct FlameGraphSVGTests {
    @Test("titles have flamegraph.pl's form, with grouped counts and the root called all")
    func titles() throws {
        let text = try svg("main;work 1234\nmain;idle 766\n")
        #expect(text.contains("<title>all (2,000 samples, 100%)</title>"))
        #expect(text.contains("<title>work (1,234 samples, 61.70%)</title>"))
    }

    @Test("differential titles end with the delta, red for growth and blue for shrinkage")
    func differentialTitles() throws {
        let text = try svg(String(decoding: try Fixture.bytes("flamegraph/diff.folded"), as: UTF8.self))
        #expect(text.contains("<title>b (8 samples, 72.73%; +27.27%)</title>"))
        #expect(text.contains("<title>c (1 sample, 9.09%; -18.18%)</title>"))
        #expect(text.contains("fill=\"rgb(255,0,0)\""))  // b: the largest growth
    }

    @Test("annotations are dropped from labels and titles but pick colours")
    func annotations() throws {
        let text = try svg("a;k_[k] 1\n") { $0.palette = .java }
        #expect(text.contains("<title>k (1 sample, 100.00%)</title>"))
        #expect(!text.contains("_[k]"))
    }

    @Test("labels are cut with .. to the frame's width")
    func truncation() {
        #expect(FlameGraphWriter.truncated("runtime.mallocgc", toWidth: 50, fontSize: 12, fontWidth: 0.59) == "runti..")  // 50 px hold 7 characters
        #expect(FlameGraphWriter.truncated("abc", toWidth: 20, fontSize: 12, fontWidth: 0.59) == "")
    }

    @Test("hostile names cannot add elements and still give well-formed XML")
    func hostileNames() throws {
        let text = try svg("<script>alert(1)</script>;a]]>b;\u{01}\u{1B}x 1\n") {
            $0.title = "</text><script>x</script>"
            $0.subtitle = "&amp;\u{02}"
            $0.notes = "-->"
        }
        #expect(text.components(separatedBy: "<script").count == 2)  // ours only
        #expect(try xmllintAccepts(text))
    }

    @Test("invalid UTF-8 in a name still gives well-formed XML")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("a;".utf8) + [0xFF, 0xC3, 0x28] + Array(" 3\n".utf8)
        let profile = try FormatRegistry.read(bytes, format: FoldedFormat.self).profile
        #expect(try xmllintAccepts(try written(profile, as: FlameGraphFormat.self)))
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let input = "b;x 3\na;y 2\nc 1\n"
        #expect(try svg(input) == svg(input))
    }

    @Test("golden files for small inputs")
    func golden() throws {
        for (name, configure) in [
            ("small", { (_: inout FlameGraphFormat.Options) in }),
            ("small-inverted", { (o: inout FlameGraphFormat.Options) in o.inverted = true; o.palette = .java; o.subtitle = "sub" }),
            ("diff", { (_: inout FlameGraphFormat.Options) in }),
        ] as [(String, (inout FlameGraphFormat.Options) -> Void)] {
            let input = name.hasPrefix("small") ? "small" : name
            let text = try svg(String(decoding: try Fixture.bytes("flamegraph/\(input).folded"), as: UTF8.self), configure)
            let expected = String(decoding: try Fixture.bytes("flamegraph/\(name).svg"), as: UTF8.self)
            #expect(text == expected, "Fixtures/flamegraph/\(name).svg differs")
            #expect(try xmllintAccepts(text))
        }
    }

    @Test("reading our SVG back at minwidth 0 gives the folded input again")
    func roundTrip() throws {
        let input = "main;a;b 5\nmain;a;c 3\nmain;d 2\nmain 4\nother;x_[k] 10\nw;a (b) c 7\n"
        let text = try svg(input) { $0.minWidth = .pixels(0) }
        let back = try readText(text)
        #expect(ObjectIdentifier(back.format) == ObjectIdentifier(FlameGraphFormat.self))
        let folded = try written(back.profile, as: FoldedFormat.self)
        let original = try written(try readText(input, format: FoldedFormat.self).profile, as: FoldedFormat.self)
        #expect(folded == original)
    }

    @Test("frames pruned by minwidth are accounted to their parent when read back")
    func prunedFramesGoToParent() throws {
        let text = try svg("m;tiny 1\nm;big 100000\n")
        #expect(!text.contains("tiny"))
        let folded = try written(try readText(text).profile, as: FoldedFormat.self)
        #expect(folded == "m 1\nm;big 100000\n")
    }

    @Test("flamegraph.pl-style titles parse into name, count and unit")
    func parsesTitles() {
        #expect(FlameGraphReader.parseTitle("f (x) (1,234 samples, 1.00%)")! == ("f (x)", 1234, "samples"))
        #expect(FlameGraphReader.parseTitle("g (7 bytes, 1.00%; +0.50%)")! == ("g", 7, "bytes"))
        #expect(FlameGraphReader.parseTitle("no counts") == nil)
    }

    @Test("the count name follows the sample type")
    func countNames() throws {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        let loc = b.location(function: b.function(name: b.intern("main.f")))
        b.addSample(locations: [loc], values: [3])
        #expect(try written(b.build(), as: FlameGraphFormat.self).contains("<title>main.f (3 goroutines, 100.00%)</title>"))
    }

    @Test("the go palette tells runtime, standard library and user code apart")
    func goPalette() {
        #expect(Palette.hue(of: "runtime.gopark", in: .go) == .red)
        #expect(Palette.hue(of: "net/http.(*conn).serve", in: .go) == .blue)
        #expect(Palette.hue(of: "github.com/x/y.F", in: .go) == .green)
        #expect(Palette.hue(of: "main.main", in: .go) == .green)
    }

    @Test("a palette file keeps colours across graphs and round-trips")
    func paletteFile() {
        var map = PaletteMap(text: "a->rgb(1,2,3)\nbad line\n")
        #expect(map.color(for: "a") { RGB(9, 9, 9) } == RGB(1, 2, 3))
        #expect(map.color(for: "b") { RGB(4, 5, 6) } == RGB(4, 5, 6))
        #expect(map.text == "a->rgb(1,2,3)\nb->rgb(4,5,6)\n")
    }
}
