import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ProfileCore
import ProfileFormats
import Testing

/// What an SVG is made of: elements, attribute names, and the values of the
/// attributes a browser would act on (event handlers, links).
private final class SVGShape: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var attributeNames: Set<String> = []
    var active: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]) {
        elements[name, default: 0] += 1
        for (k, v) in attributes {
            attributeNames.insert(k)
            let lower = k.lowercased()
            if lower.hasPrefix("on") || lower.hasSuffix("href") { active.append("\(name) \(k)=\(v)") }
        }
    }

    /// Parses `svg`; nil when it is not well-formed.
    static func of(_ svg: String) -> SVGShape? {
        let shape = SVGShape()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = shape
        guard parser.parse() else { return nil }
        shape.active.sort()
        return shape
    }
}

/// `profile` with every function renamed `f1`, `f2`, …: the same drawing with harmless names.
private func harmless(_ profile: Profile) -> Profile {
    var p = profile
    for i in p.functions.indices {
        let id = p.strings.intern("f\(i + 1)")
        p.functions[i].name = id
        p.functions[i].systemName = id
    }
    return p
}

@Suite("SVG outputs stay the writer's own document whatever the names")
struct SVGSafetyTests {
    @Test("hostile names add no element, event handler or link to the flame graph or call graph", arguments: [
        "flamegraph", "callgraph",
    ])
    func hostileNames(_ name: String) throws {
        let format = try #require(FormatRegistry.writer(named: name))
        let hostile = try Fixture.decode("bad/hostile-names.pb.gz").profile
        let svg = try written(hostile, as: format)
        let reference = try written(harmless(hostile), as: format)
        let shape = try #require(SVGShape.of(svg), "the \(format.name) SVG of hostile names is not well-formed")
        let own = try #require(SVGShape.of(reference))
        #expect(shape.elements == own.elements)
        #expect(shape.attributeNames == own.attributeNames)
        #expect(shape.active == own.active)
        #expect(shape.elements["script", default: 0] <= 1)
        // The names are there, as text.
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("xmllint agrees that the hostile-name SVGs are well-formed", arguments: ["flamegraph", "callgraph"])
    func xmllint(_ name: String) throws {
        let format = try #require(FormatRegistry.writer(named: name))
        let svg = try written(try Fixture.decode("bad/hostile-names.pb.gz").profile, as: format)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).svg").path
        try svg.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        p.arguments = ["--noout", "--nonet", path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }
}
