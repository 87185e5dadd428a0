import ExchangeVocabulary
import Testing

@Suite struct PriceConversionTests {
    @Test func exactMultiplesConvert() throws {
        #expect(try Ticks.converting(101.25, tickSize: 0.25) == Ticks(405))
        #expect(try Ticks.converting(0.01, tickSize: 0.01) == Ticks(1))
    }

    @Test func badPricesAreTypedErrors() {
        #expect(throws: PriceConversionError.notANumber) { try Ticks.converting(.nan, tickSize: 0.01) }
        #expect(throws: PriceConversionError.nonPositive(0)) { try Ticks.converting(0, tickSize: 0.01) }
        #expect(throws: PriceConversionError.nonPositive(-1)) { try Ticks.converting(-1, tickSize: 0.01) }
        #expect(throws: PriceConversionError.offGrid(101.3, tickSize: 0.25)) { try Ticks.converting(101.3, tickSize: 0.25) }
        #expect(throws: PriceConversionError.tooLarge(2e6)) { try Ticks.converting(2e6, tickSize: 0.01) }
    }
}
