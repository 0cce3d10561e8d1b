import ProfileCore
import Testing

@Suite("civil time from Unix nanoseconds")
struct CivilTimeTests {
    @Test("the ends of Int64 are dates, not a trap (issue 29, item 2)", arguments: [
        (Int64.min, CivilTime(year: 1677, month: 9, day: 21, hour: 0, minute: 12, second: 43)),
        (Int64.min + 999_999_998, CivilTime(year: 1677, month: 9, day: 21, hour: 0, minute: 12, second: 44)),
        (Int64.max, CivilTime(year: 2262, month: 4, day: 11, hour: 23, minute: 47, second: 16)),
        (-1, CivilTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59)),
        (0, CivilTime(year: 1970, month: 1, day: 1)),
    ] as [(Int64, CivilTime)])
    func extremes(_ nanos: Int64, _ expected: CivilTime) {
        #expect(CivilTime(unixNanos: nanos) == expected)
    }
}
