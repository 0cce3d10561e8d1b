import ProfileCore
import ProfileFormats
import Testing

/// Evented speedscope profiles cost time linear in their events, and the
/// stacks they stand for are bounded by the file's size.
@Suite("speedscope events")
struct SpeedscopeEventsTests {
    /// A document of `frames` names and one evented profile of `events`.
    private func evented(frames: Int, events: [String], end: Int) -> String {
        let names = (0..<frames).map { "{\"name\":\"f\($0)\"}" }.joined(separator: ",")
        return """
            {"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[\(names)]},
             "profiles":[{"type":"evented","name":"t","unit":"none","startValue":0,"endValue":\(end),"events":[\(events.joined(separator: ","))]}]}
            """
    }

    private func event(_ type: String, _ frame: Int, _ at: Int) -> String {
        "{\"type\":\"\(type)\",\"frame\":\(frame),\"at\":\(at)}"
    }

    private func errorMessage(_ text: String) -> String? {
        do { _ = try readText(text); return nil } catch { return "\(error)" }
    }

    @Test("the same stack in two intervals is one sample with both weights")
    func repeatedStack() throws {
        let text = evented(frames: 2, events: [
            event("O", 0, 0), event("O", 1, 1), event("C", 1, 2), event("O", 1, 4), event("C", 1, 7), event("C", 0, 10),
        ], end: 10)
        #expect(try written(readText(text).profile, as: FoldedFormat.self) == "f0 6\nf0;f1 4\n")
    }

    @Test("a frame closed out of turn leaves the frames above it open, one level down")
    func closeOutOfTurn() throws {
        let text = evented(frames: 3, events: [
            event("O", 0, 0), event("O", 1, 1), event("O", 2, 2), event("C", 1, 3), event("C", 2, 5), event("C", 0, 6),
        ], end: 6)
        #expect(try written(readText(text).profile, as: FoldedFormat.self) == "f0 2\nf0;f1 1\nf0;f1;f2 1\nf0;f2 2\n")
    }

    @Test("2,000 nested opens are read, each depth one sample")
    func deepButReasonable() throws {
        let n = 2_000
        let events = (0..<n).map { event("O", 0, $0) } + (0..<n).map { event("C", 0, n + $0) }
        let p = try readText(evented(frames: 1, events: events, end: 2 * n)).profile
        #expect(p.samples.count == n)
        #expect(p.samples.values.reduce(0, +) == Int64(2 * n - 1))
    }

    @Test("20,000 nested opens (1.3 MB, 200 million frames of stacks) are refused, not left to exhaust memory")
    func nestedFlood() throws {
        let n = 20_000
        let events = (0..<n).map { event("O", 0, $0) } + (0..<n).map { event("C", 0, n + $0) }
        let message = try #require(errorMessage(evented(frames: 1, events: events, end: 2 * n)))
        #expect(message.contains("would hold more than"))
    }

    @Test("a second profiles, samples, weights or events member is refused as ambiguous", arguments: [
        #"{"shared":{"frames":[{"name":"a"}]},"profiles":[],"profiles":[]}"#,
        #"{"shared":{"frames":[{"name":"a"}],"frames":[]},"profiles":[]}"#,
        #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","unit":"none","samples":[[0]],"samples":[[0]]}]}"#,
        #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","unit":"none","samples":[[0]],"weights":[1],"weights":[2]}]}"#,
        #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"evented","unit":"none","events":[],"events":[]}]}"#,
    ])
    func duplicateMembers(_ body: String) throws {
        let text = #"{"$schema":"https://www.speedscope.app/file-format-schema.json","# + body.dropFirst()
        let message = try #require(errorMessage(text))
        #expect(message.contains("a second \""))
    }

    @Test("a weight past 2^63 becomes Int64.max with a warning")
    func saturatedWeight() throws {
        let text = """
            {"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"name":"a"}]},
             "profiles":[{"type":"sampled","name":"t","unit":"none","startValue":0,"endValue":1,"samples":[[0]],"weights":[1e19]}]}
            """
        let decoded = try readText(text)
        #expect(decoded.profile.samples.values == [Int64.max])
        #expect(decoded.warnings.messages.contains { $0.contains("beyond ±(2^63 - 1)") })
    }
}
