import Certification
import ExchangeVocabulary
import PropertyCheck
import Testing

/// The books' set of order ids, as ranges, against a plain `Set`: the same answers to every
/// insert and every question, on ids near 0, near `UInt64.max` and in between, with the ranges
/// always canonical; and ids handed out in sequence, in any order, end as one range.
@Suite struct OrderIDSetTests {
    /// Ids from a few small clusters: 0 and `UInt64.max` and their neighbours, and a stretch in
    /// between, so that ranges touch, merge and meet both ends of the type.
    static let id = Gen.frequency([
        (weight: 3, generator: Gen<UInt64>.int(in: 0...12)),
        (weight: 2, generator: Gen<UInt64>.int(in: (UInt64.max - 6)...UInt64.max)),
        (weight: 2, generator: Gen<UInt64>.int(in: 1_000...1_012)),
    ])

    @Test func agreesWithASetAndStaysCanonical() {
        var configuration = CheckConfiguration(cases: 2_000, seed: 0x1D5)
        configuration.usesCorpus = false
        let result = check("OrderIDSetTests.agreesWithASet", Gen.array(of: Self.id, count: 0...60), configuration: configuration) { ids in
            var ranges = OrderIDSet()
            var plain = Set<UInt64>()
            for id in ids {
                guard ranges.insert(ClientOrderID(id)) == plain.insert(id).inserted else { return false }
                guard Self.isCanonical(ranges.ranges) else { return false }
            }
            let probes = ids + ids.map { $0 &+ 1 } + ids.map { $0 &- 1 } + [0, 1, .max, .max - 1, 500]
            return probes.allSatisfy { ranges.contains(ClientOrderID($0)) == plain.contains($0) }
                && ranges.ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 } == plain.count
        }
        #expect(result.passed, "\(result.report)")
    }

    /// Sorted, disjoint and never touching: one value for each set.
    static func isCanonical(_ ranges: [ClosedRange<UInt64>]) -> Bool {
        zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound && $0.upperBound &+ 1 != $1.lowerBound }
    }

    @Test func idsInSequenceAreOneRangeWhateverTheOrder() {
        var ids = OrderIDSet()
        var generator = SeededGenerator(state: 7)
        for id in (UInt64(1)...10_000).shuffled(using: &generator) { ids.insert(ClientOrderID(id)) }
        #expect(ids.ranges == [1...10_000])
        let reinserted = ids.insert(ClientOrderID(5_000))
        #expect(!reinserted)
        #expect(ids.contains(ClientOrderID(10_000)) && !ids.contains(ClientOrderID(10_001)) && !ids.contains(ClientOrderID(0)))
    }
}
