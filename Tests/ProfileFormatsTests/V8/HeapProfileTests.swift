import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("V8 sampling heap profiles (.heapprofile)")
struct HeapProfileTests {
    @Test("node --heap-prof's file gives the reference's stacks: selfSize as space/bytes, samples as objects/count")
    func nodeCapture() throws {
        let d = try Fixture.decode("v8/app.heapprofile")
        #expect(d.format.name == HeapProfileFormat.name)
        #expect(d.profile.sampleTypeNames == "space/bytes, objects/count")
        #expect(try foldedLines(d.profile, "space") == referenceLines("v8/app.heapprofile.folded", column: 0))
        #expect(try foldedLines(d.profile, "objects") == referenceLines("v8/app.heapprofile.folded", column: 1))
    }

    @Test("each node with bytes or samples is one sample on the CPU profile's frame rules")
    func small() throws {
        let json = """
            {"head":{"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},"selfSize":0,"id":1,"children":[
              {"callFrame":{"functionName":"","scriptId":"1","url":"a.js","lineNumber":0,"columnNumber":0},"selfSize":64,"id":2,"children":[
                {"callFrame":{"functionName":"alloc","scriptId":"1","url":"a.js","lineNumber":3,"columnNumber":2},"selfSize":1024,"id":3,"children":[]}]}]},
             "samples":[{"size":1024,"nodeId":3,"ordinal":1},{"size":64,"nodeId":2,"ordinal":2},{"size":1024,"nodeId":3,"ordinal":3}]}
            """
        let p = try readJSON(json).profile
        #expect(try foldedLines(p, "space") == ["(anonymous) 64", "(anonymous);alloc 1024"])
        #expect(try foldedLines(p, "objects") == ["(anonymous) 1", "(anonymous);alloc 2"])
    }

    @Test("a sample of a node the tree lacks is an error")
    func dangling() throws {
        let json = #"{"head":{"callFrame":{"functionName":"(root)"},"selfSize":0,"id":1,"children":[]},"samples":[{"size":8,"nodeId":5}]}"#
        let error = #expect(throws: ProfileError.self) { try readJSON(json) }
        #expect(error?.description.contains("a sample names the node 5") == true)
    }
}
