@testable import PropertyCheck
import Testing

/// `Gen.statistics`: what a generator really produces.
@Suite struct GeneratorStatisticsTests {
    @Test func aFilterThatRarelyPassesShowsItsRejectionRate() {
        let stats = Gen.int(in: 0...1_000).filter { $0 == 500 }.statistics(samples: 500, seed: 1)
        #expect(stats.rejectionRate > 0.9)
        #expect(stats.rejections.keys.sorted() == ["a filter found no acceptable value"])
        #expect(stats.valid + stats.rejected == 500)
        let unfiltered = Gen.int(in: 0...1_000).statistics(samples: 500, seed: 1)
        #expect(unfiltered.rejectionRate == 0)
    }

    @Test func collectionsReportTheirSizes() throws {
        let stats = Gen.array(of: Gen.int(in: 0...9), average: 10).statistics(samples: 1_000, seed: 2)
        let size = try #require(stats.size)
        #expect(size.minimum == 0)
        #expect((7...13).contains(size.mean), "mean length \(size.mean)")
        #expect(size.maximum > 20)
        #expect(stats.bytes.mean > size.mean, "each element draws its bytes")
        #expect(Gen.int().statistics(samples: 10).size == nil, "an Int has no size unless one is given")
        #expect(Gen.int(in: 0...9).statistics(samples: 100, size: { Double($0) }).size?.maximum == 9)
    }

    @Test func theDistributionAndTheLabels() {
        let stats = Gen.element(of: ["a", "b"]).statistics(samples: 2_000, seed: 3, labels: { [$0 == "a" ? "first" : "second"] })
        #expect(stats.distinctValues == 2)
        #expect(stats.mostCommon.map(\.value).sorted() == ["\"a\"", "\"b\""])
        #expect(stats.mostCommon.allSatisfy { (850...1_150).contains($0.count) })
        #expect(stats.labels["first"].map { (850...1_150).contains($0) } == true)
        #expect(stats.labels.values.reduce(0, +) == 2_000)
    }

    /// A generator that makes mostly the same value shows it at once.
    @Test func aSkewedGeneratorIsPlainToSee() {
        let stats = Gen.int(in: 0...100).map { $0 < 95 ? 0 : $0 }.statistics(samples: 1_000, seed: 4)
        #expect(stats.mostCommon.first?.value == "0")
        #expect((stats.mostCommon.first?.count ?? 0) > 500)
    }

    @Test func theSameSeedGivesTheSameStatisticsAndAReport() {
        let generator = Gen.array(of: Gen.int(in: 0...9))
        let first = generator.statistics(samples: 200, seed: 5, labels: { $0.isEmpty ? ["empty"] : [] })
        #expect(first == generator.statistics(samples: 200, seed: 5, labels: { $0.isEmpty ? ["empty"] : [] }))
        let lines = first.report.split(separator: "\n").map(String.init)
        #expect(lines.first == "200 samples (seed 0x0000000000000005): 200 valid, 0 rejected (0.0%), 0 reached maxBytes")
        #expect(lines.contains { $0.hasPrefix("  size: min 0, mean ") })
        #expect(lines.contains { $0.hasSuffix("% empty") })
    }
}
