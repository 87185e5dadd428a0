@testable import MarketSim
import Testing

/// The tables' documented shapes: unit variance, where the tails stop, their own excess kurtosis.
@Suite struct ShockTableTests {
    @Test(arguments: [
        (ShockTable.normal, 4.33, 0.0), (.studentT(degreesOfFreedom: 4), 17.7, 10.4),
        (.studentT(degreesOfFreedom: 5), 12.7, 4.5), (.studentT(degreesOfFreedom: 6), 10.3, 2.7),
    ])
    func tableShape(table: ShockTable, maximum: Double, excessKurtosis: Double) {
        let shocks = (0...0xFFFF).map { table.shock(UInt16($0)) }
        let stats = ReturnStatistics(shocks)
        #expect(abs(stats.mean) < 1e-15)
        #expect(abs(stats.variance * 65535 / 65536 - 1) < 1e-12, "unit variance over the 65536 equally likely choices")
        #expect(abs(table.maximum - maximum) < 0.05, "\(table.maximum)")
        #expect(abs(stats.excessKurtosis - excessKurtosis) < 0.05, "\(stats.excessKurtosis)")
    }
}

/// The Student-t tables' cache stays bounded whatever degrees of freedom a caller asks for, and a
/// table built again after the cache was emptied is the same, bit for bit.
@Suite struct ShockTableCacheTests {
    @Test func theCacheIsBoundedAndRebuildsTheSameTables() {
        let first = ShockTable.studentT(degreesOfFreedom: 2.5)
        for step in 0...ShockTable.studentCacheLimit {
            _ = ShockTable.studentT(degreesOfFreedom: 3 + Double(step) / 7)
            #expect(ShockTable.studentCacheCount <= ShockTable.studentCacheLimit)
        }
        #expect(ShockTable.studentT(degreesOfFreedom: 2.5).magnitudes.map(\.bitPattern) == first.magnitudes.map(\.bitPattern))
    }
}
