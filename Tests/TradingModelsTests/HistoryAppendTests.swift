import Testing

@testable import TradingModels

/// `equals(_:followedBy:)`, the history rules' "after = before + the reported entry", against
/// the allocating expression it replaced, on every pair of arrays of up to three entries.
@Suite struct HistoryAppendTests {
    static let arrays: [[Int]] = [[], [0], [1], [0, 0], [0, 1], [1, 0], [1, 1], [0, 1, 2], [0, 1, 1]]

    @Test func equalsTheAllocatingExpressionOnEveryPair() {
        for after in Self.arrays {
            for before in Self.arrays {
                for appended in [nil, 0, 1, 2] as [Int?] {
                    let expected = after == before + (appended.map { [$0] } ?? [])
                    #expect(after.equals(before, followedBy: appended) == expected, "\(after) vs \(before) + \(String(describing: appended))")
                }
            }
        }
    }

    @Test func namesEachWayToDiffer() {
        #expect([1, 2].equals([1], followedBy: 2))
        #expect(![1, 2].equals([1], followedBy: 3))  // another entry appended
        #expect(![1, 2].equals([0], followedBy: 2))  // the earlier history changed
        #expect(![1, 2, 2].equals([1], followedBy: 2))  // appended twice
        #expect(![1].equals([1], followedBy: 2))  // not appended
        #expect(![1, 2].equals([1], followedBy: nil))  // no report, an entry anyway
        #expect([1, 2].equals([1, 2], followedBy: nil))
    }
}
