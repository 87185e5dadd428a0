import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// The strategies the factory builds.
public enum StrategyKind: String, Hashable, Sendable, CaseIterable {
    case marketMaking = "market-making"
    case arbitrage
    case spotFuturesHedge = "spot-futures-hedge"
    case calendarSpread = "calendar-spread"
}

/// A parameter the factory checks, named in its errors.
public enum StrategyParameter: String, Hashable, Sendable, CaseIterable {
    case quoteSize, halfSpread, inventoryLimit, skewPerLot, volatilityLimit, endsAt, firstOrderID
    case quantity, feeA, feeB, minimumProfit, legTimeout
    case fairSpread, entry, exit, tolerance, expiry, rollBuffer
}

/// One thing wrong with a strategy's parameters.
public enum ParameterProblem: Hashable, Sendable {
    /// Must be > 0.
    case notPositive(StrategyParameter, Int64)
    /// Must lie in `allowed`.
    case outOfRange(StrategyParameter, Int64, allowed: ClosedRange<Int64>)
    /// Must not exceed another parameter.
    case exceeds(StrategyParameter, Int64, StrategyParameter, Int64)
    /// Must be strictly below another parameter.
    case notBelow(StrategyParameter, Int64, StrategyParameter, Int64)
    /// A hedge's two legs name one symbol.
    case sameSymbolOnBothLegs(Symbol)
}

/// A strategy that could not be created: which one, and every problem with its parameters.
public struct StrategyConfigurationError: Error, Hashable, Sendable {
    public var strategy: StrategyKind
    public var problems: [ParameterProblem]

    public init(strategy: StrategyKind, problems: [ParameterProblem]) {
        self.strategy = strategy
        self.problems = problems
    }
}

/// What the factory builds: one of the strategies, behind one type so that a process can hold
/// thousands of them in one array and drive them alike.
public enum Strategy: Sendable {
    case marketMaking(MarketMaker)
    case arbitrage(Arbitrage)
    case hedge(Hedge)

    public var kind: StrategyKind {
        switch self {
        case .marketMaking: .marketMaking
        case .arbitrage: .arbitrage
        case .hedge(let machine): machine.parameters.kind == .spotFutures ? .spotFuturesHedge : .calendarSpread
        }
    }

    public var phase: StrategyPhase {
        switch self {
        case .marketMaking(let machine): machine.phase
        case .arbitrage(let machine): machine.phase
        case .hedge(let machine): machine.phase
        }
    }

    /// Handles one event (the concrete machine's `handle`). The machine is moved out, an empty
    /// one left in its place, so that its working orders are mutated in place, not copied.
    public mutating func handle(_ event: StrategyEvent, into step: inout StrategyStep) {
        switch self {
        case .marketMaking(var machine):
            self = .marketMaking(MarketMaker(vacating: machine.parameters))
            machine.handle(event, into: &step)
            self = .marketMaking(machine)
        case .arbitrage(var machine):
            self = .arbitrage(Arbitrage(vacating: machine.parameters))
            machine.handle(event, into: &step)
            self = .arbitrage(machine)
        case .hedge(var machine):
            self = .hedge(Hedge(vacating: machine.parameters))
            machine.handle(event, into: &step)
            self = .hedge(machine)
        }
    }

    /// The venues and symbols the strategy needs at start.
    public var requirements: [(venue: VenueID, symbol: Symbol)] {
        switch self {
        case .marketMaking(let machine): [(.a, machine.parameters.symbol)]
        case .arbitrage(let machine): [(.a, machine.parameters.symbol), (.b, machine.parameters.symbol)]
        case .hedge(let machine): [(.a, machine.parameters.legA), (.b, machine.parameters.legB)]
        }
    }
}

/// Creates strategies from their parameters, checking every parameter and reporting every
/// problem at once; nothing is created when there is one.
public enum StrategyFactory {
    /// The largest price distance a parameter may name: a tenth of the venue's price range.
    public static let maxTicks: Int64 = VenueLimits.maxPrice.value / 10

    public static func marketMaker(_ parameters: MarketMakingParameters) throws(StrategyConfigurationError) -> MarketMaker {
        let problems = problems(in: parameters)
        guard problems.isEmpty else { throw StrategyConfigurationError(strategy: .marketMaking, problems: problems) }
        return MarketMaker(parameters: parameters)
    }

    public static func arbitrage(_ parameters: ArbitrageParameters) throws(StrategyConfigurationError) -> Arbitrage {
        let problems = problems(in: parameters)
        guard problems.isEmpty else { throw StrategyConfigurationError(strategy: .arbitrage, problems: problems) }
        return Arbitrage(parameters: parameters)
    }

    /// Every problem with an arbitrage's parameters, in parameter order.
    public static func problems(in parameters: ArbitrageParameters) -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        let lots = 1...VenueLimits.maxQuantity.value
        if !lots.contains(parameters.quantity.value) { problems.append(.outOfRange(.quantity, parameters.quantity.value, allowed: lots)) }
        if !(0...maxTicks).contains(parameters.feeA.value) { problems.append(.outOfRange(.feeA, parameters.feeA.value, allowed: 0...maxTicks)) }
        if !(0...maxTicks).contains(parameters.feeB.value) { problems.append(.outOfRange(.feeB, parameters.feeB.value, allowed: 0...maxTicks)) }
        if !(1...maxTicks).contains(parameters.minimumProfit.value) {
            problems.append(.outOfRange(.minimumProfit, parameters.minimumProfit.value, allowed: 1...maxTicks))
        }
        if parameters.legTimeout <= 0 { problems.append(.notPositive(.legTimeout, parameters.legTimeout)) }
        problems += orderIDProblems(parameters.firstOrderID)
        return problems
    }

    public static func hedge(_ parameters: HedgeParameters) throws(StrategyConfigurationError) -> Hedge {
        let problems = problems(in: parameters)
        guard problems.isEmpty else {
            throw StrategyConfigurationError(strategy: parameters.kind == .spotFutures ? .spotFuturesHedge : .calendarSpread, problems: problems)
        }
        return Hedge(parameters: parameters)
    }

    /// Every problem with a hedge's parameters, in parameter order.
    public static func problems(in parameters: HedgeParameters) -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if parameters.legA == parameters.legB { problems.append(.sameSymbolOnBothLegs(parameters.legA)) }
        let lots = 1...VenueLimits.maxQuantity.value
        let quantity = parameters.quantity.value
        if !lots.contains(quantity) { problems.append(.outOfRange(.quantity, quantity, allowed: lots)) }
        if !(-maxTicks...maxTicks).contains(parameters.fairSpread.value) {
            problems.append(.outOfRange(.fairSpread, parameters.fairSpread.value, allowed: -maxTicks...maxTicks))
        }
        if !(1...maxTicks).contains(parameters.entry.value) { problems.append(.outOfRange(.entry, parameters.entry.value, allowed: 1...maxTicks)) }
        if parameters.exit.value < 0 { problems.append(.outOfRange(.exit, parameters.exit.value, allowed: 0...maxTicks)) }
        if parameters.exit.value >= parameters.entry.value, parameters.entry.value > 0 {
            problems.append(.notBelow(.exit, parameters.exit.value, .entry, parameters.entry.value))
        }
        if parameters.tolerance.value < 0 { problems.append(.outOfRange(.tolerance, parameters.tolerance.value, allowed: 0...max(quantity - 1, 0))) }
        if quantity > 0, parameters.tolerance.value >= quantity { problems.append(.notBelow(.tolerance, parameters.tolerance.value, .quantity, quantity)) }
        if parameters.legTimeout <= 0 { problems.append(.notPositive(.legTimeout, parameters.legTimeout)) }
        if parameters.expiry <= 0 { problems.append(.notPositive(.expiry, parameters.expiry)) }
        if parameters.rollBuffer < 0 || (parameters.expiry > 0 && parameters.rollBuffer >= parameters.expiry) {
            problems.append(.outOfRange(.rollBuffer, parameters.rollBuffer, allowed: 0...max(parameters.expiry - 1, 0)))
        }
        problems += orderIDProblems(parameters.firstOrderID)
        return problems
    }

    /// A first order id leaves room for the ids after it.
    static func orderIDProblems(_ id: ClientOrderID) -> [ParameterProblem] {
        guard id.value == 0 || id.value > UInt64(Int64.max) / 2 else { return [] }
        return [.outOfRange(.firstOrderID, Int64(truncatingIfNeeded: id.value), allowed: 1...(Int64.max / 2))]
    }

    /// Every problem with a market maker's parameters, in parameter order.
    public static func problems(in parameters: MarketMakingParameters) -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        let size = parameters.quoteSize.value
        let limit = parameters.inventoryLimit.value
        if size <= 0 { problems.append(.notPositive(.quoteSize, size)) }
        if size > VenueLimits.maxQuantity.value { problems.append(.outOfRange(.quoteSize, size, allowed: 1...VenueLimits.maxQuantity.value)) }
        if !(1...maxTicks).contains(parameters.halfSpread.value) {
            problems.append(.outOfRange(.halfSpread, parameters.halfSpread.value, allowed: 1...maxTicks))
        }
        if limit <= 0 { problems.append(.notPositive(.inventoryLimit, limit)) }
        if limit > VenueLimits.maxQuantity.value { problems.append(.outOfRange(.inventoryLimit, limit, allowed: 1...VenueLimits.maxQuantity.value)) }
        if size > 0, limit > 0, size > limit { problems.append(.exceeds(.quoteSize, size, .inventoryLimit, limit)) }
        // The skew of a full inventory must stay inside the price range.
        let skewRange: ClosedRange<Int64> = 0...(maxTicks / max(limit, 1))
        if !skewRange.contains(parameters.skewPerLot.value) { problems.append(.outOfRange(.skewPerLot, parameters.skewPerLot.value, allowed: skewRange)) }
        if !(1...maxTicks).contains(parameters.volatilityLimit.value) {
            problems.append(.outOfRange(.volatilityLimit, parameters.volatilityLimit.value, allowed: 1...maxTicks))
        }
        if parameters.endsAt <= 0 { problems.append(.notPositive(.endsAt, parameters.endsAt)) }
        problems += orderIDProblems(parameters.firstOrderID)
        return problems
    }
}
