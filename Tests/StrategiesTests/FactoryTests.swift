import ExchangeVocabulary
import Strategies
import StrategyVocabulary
import Testing
import TradingVocabulary

@Suite struct FactoryTests {
    static let symbol = Symbol("BTC-USD")
    static let valid = MarketMakingParameters(
        symbol: symbol, quoteSize: 2, halfSpread: 2, inventoryLimit: 3, skewPerLot: 1, volatilityLimit: 6, endsAt: 200)

    @Test func validParametersMakeAMaker() throws {
        let maker = try StrategyFactory.marketMaker(Self.valid)
        #expect(maker.phase == .idle)
        #expect(maker.parameters == Self.valid)
    }

    @Test func everyProblemIsReportedAtOnce() {
        var bad = Self.valid
        bad.quoteSize = 0
        bad.halfSpread = 0
        bad.inventoryLimit = -1
        bad.volatilityLimit = Ticks(StrategyFactory.maxTicks + 1)
        bad.endsAt = 0
        #expect(
            throws: StrategyConfigurationError(
                strategy: .marketMaking,
                problems: [
                    .notPositive(.quoteSize, 0), .outOfRange(.halfSpread, 0, allowed: 1...StrategyFactory.maxTicks), .notPositive(.inventoryLimit, -1),
                    .outOfRange(.volatilityLimit, StrategyFactory.maxTicks + 1, allowed: 1...StrategyFactory.maxTicks), .notPositive(.endsAt, 0),
                ])
        ) { try StrategyFactory.marketMaker(bad) }
    }

    @Test func boundariesOfEachParameter() {
        var atLimits = Self.valid
        atLimits.quoteSize = 3  // = the inventory limit: allowed
        atLimits.halfSpread = 1
        atLimits.volatilityLimit = Ticks(StrategyFactory.maxTicks)
        atLimits.skewPerLot = 0
        #expect(StrategyFactory.problems(in: atLimits).isEmpty)
        var over = atLimits
        over.quoteSize = 4  // one more than the limit
        over.skewPerLot = -1
        #expect(
            StrategyFactory.problems(in: over) == [
                .exceeds(.quoteSize, 4, .inventoryLimit, 3), .outOfRange(.skewPerLot, -1, allowed: 0...(StrategyFactory.maxTicks / 3)),
            ])
    }

    @Test func startNamesEveryMissingPiece() throws {
        let maker = Strategy.marketMaking(try StrategyFactory.marketMaker(Self.valid))
        #expect(throws: StrategyStartError(strategy: .marketMaking, missing: [.exchange(.a)])) {
            try StrategyValidation.validate(maker, listings: [.b: []])
        }
        #expect(throws: StrategyStartError(strategy: .marketMaking, missing: [.symbol(Self.symbol, at: .a)])) {
            try StrategyValidation.validate(maker, listings: [.a: [ExchangeSymbol(symbol: Symbol("ETH-USD"), base: "ETH", quote: "USD", kind: .spot)]])
        }
        #expect(throws: StrategyStartError(strategy: .marketMaking, missing: [.futuresWithoutExpiry(Self.symbol, at: .a)])) {
            try StrategyValidation.validate(
                maker, listings: [.a: [ExchangeSymbol(symbol: Self.symbol, base: "BTC", quote: "USD", kind: .futures(expiry: nil))]])
        }
        try StrategyValidation.validate(maker, listings: [.a: [ExchangeSymbol(symbol: Self.symbol, base: "BTC", quote: "USD", kind: .spot)]])
    }

    /// A hedge's legs listed as its rules assume: kinds, the nearer expiry equal to the
    /// parameter, a calendar's legs in expiry order; every problem at once.
    @Test func aHedgeStartsOnlyOnLegsListedAsItsRulesAssume() throws {
        let spot = Symbol("BTC-MAR")
        let future = Symbol("BTC-JUN")
        func listing(_ symbol: Symbol, _ kind: ExchangeSymbol.Kind) -> ExchangeSymbol { ExchangeSymbol(symbol: symbol, base: "BTC", quote: "USD", kind: kind) }
        let carry = Strategy.hedge(try StrategyFactory.hedge(try HedgeTests.parameters(.spotFutures)))  // expiry 100
        try StrategyValidation.validate(carry, listings: [.a: [listing(spot, .spot)], .b: [listing(future, .futures(expiry: 100))]])
        #expect(
            throws: StrategyStartError(
                strategy: .spotFuturesHedge,
                missing: [.wrongKind(spot, at: .a, expected: .spot), .wrongKind(future, at: .b, expected: .futures)])
        ) {
            try StrategyValidation.validate(carry, listings: [.a: [listing(spot, .futures(expiry: 100))], .b: [listing(future, .spot)]])
        }
        #expect(throws: StrategyStartError(strategy: .spotFuturesHedge, missing: [.expiryDiffers(future, at: .b, listed: 101, parameter: 100)])) {
            try StrategyValidation.validate(carry, listings: [.a: [listing(spot, .spot)], .b: [listing(future, .futures(expiry: 101))]])
        }
        let calendar = Strategy.hedge(try StrategyFactory.hedge(try HedgeTests.parameters(.calendarSpread)))
        try StrategyValidation.validate(calendar, listings: [.a: [listing(spot, .futures(expiry: 100))], .b: [listing(future, .futures(expiry: 200))]])
        #expect(
            throws: StrategyStartError(
                strategy: .calendarSpread, missing: [.expiriesOutOfOrder(near: spot, nearExpiry: 100, far: future, farExpiry: 100)])
        ) {
            try StrategyValidation.validate(calendar, listings: [.a: [listing(spot, .futures(expiry: 100))], .b: [listing(future, .futures(expiry: 100))]])
        }
        #expect(
            throws: StrategyStartError(
                strategy: .calendarSpread,
                missing: [
                    .expiryDiffers(spot, at: .a, listed: 99, parameter: 100), .expiriesOutOfOrder(near: spot, nearExpiry: 99, far: future, farExpiry: 98),
                ])
        ) {
            try StrategyValidation.validate(calendar, listings: [.a: [listing(spot, .futures(expiry: 99))], .b: [listing(future, .futures(expiry: 98))]])
        }
        #expect(throws: StrategyStartError(strategy: .calendarSpread, missing: [.wrongKind(spot, at: .a, expected: .futures)])) {
            try StrategyValidation.validate(calendar, listings: [.a: [listing(spot, .spot)], .b: [listing(future, .futures(expiry: 200))]])
        }
    }
}
