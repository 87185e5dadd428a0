import Foundation
import MarketSim
import Testing

/// The fuzz target's seeds (corpus/csv/) are what their names say: `broken-*` do not load, the
/// others do, and every one keeps the properties fuzz-csv checks.
@Suite struct CSVCorpusTests {
    @Test func fuzzSeedsAreWhatTheirNamesSay() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpus/csv")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.count >= 10)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
            let outcome = parseOutcome(bytes)
            switch outcome {
            case .success(let loaded):
                #expect(!name.hasPrefix("broken-"), "\(name)")
                #expect(loaded.bars.count >= 2, "\(name)")
                #expect(bits(try CSVLoader.parse(CSVWriter.text(loaded.bars)).bars) == bits(loaded.bars), "\(name)")
            case .failure(let error):
                #expect(name.hasPrefix("broken-"), "\(name): \(error)")
            }
            for size in [1, 4, 13] { #expect(same(chunkedOutcome(bytes, size: size), outcome), "\(name)") }
        }
    }
}
