import Testing
import TradingMachines
import TradingVocabulary

/// The stack's answer equals the layers' answers asked one by one through their public API, in
/// order, over long random runs; a rejection changes nothing; invariants hold after every step.
@Suite struct RiskStackCompositionTests {
    /// What the layers say about a request, asked in order through their own public API.
    func expectedDecision(_ stack: RiskStack, _ request: OrderRequest) throws -> RiskDecision {
        let route: OrderRoute
        switch stack.tradingMode.submit() {
        case .routed(let r): route = r
        case .rejected(let reason): return .rejected(.tradingMode(reason))
        }
        let value = try #require(stack.sectorCaps.portfolioValue)
        if case .rejected(let reason) = try stack.superState.canOpen(size: request.amount, deployed: stack.sectorCaps.totalExposure, portfolioValue: value) {
            return .rejected(.superState(reason))
        }
        if stack.positions.holds(request.symbol) {
            switch stack.positions.state {
            case .drain: return .rejected(.positions(.draining))
            case .forcedUnwind: return .rejected(.positions(.forcedUnwind))
            case .normal: break
            }
        } else {
            var positions = stack.positions
            if case .rejected(let reason) = try positions.open(request.symbol) { return .rejected(.positions(reason)) }
        }
        if case .rejected(let reason) = try stack.sectorCaps.canAdd(request.symbol, amount: request.amount) {
            return .rejected(.sectorCaps(reason))
        }
        return .accepted(route)
    }

    @Test(arguments: [1, 2, 3, 4])
    func stackEqualsItsLayers(seed: UInt64) throws {
        var stack = try RiskStack(portfolioValue: 5_000_000)
        let universe = [
            "BTC-USD", "ETH-USD", "SOL-USD", "ETC-USD", "UNI-USD", "AAVE-USD", "LDO-USD", "DOGE-USD",
            "FET-USD", "SAND-USD", "LINK-USD", "ODD-USD",
        ].map(sym)
        var random = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next(_ bound: UInt64) -> UInt64 {
            random ^= random << 13
            random ^= random >> 7
            random ^= random << 17
            return random % bound
        }
        var seen = Set<RiskLayer>()
        var accepted = 0
        for _ in 0..<4_000 {
            let symbol = universe[Int(next(UInt64(universe.count)))]
            switch next(100) {
            case 0..<55:
                let request = OrderRequest(symbol: symbol, amount: Cents(Int64(next(900_000)) + 1))
                let expected = try expectedDecision(stack, request)
                let before = StackObservation(stack)
                let decision = try stack.submit(request)
                #expect(decision == expected)
                switch decision {
                case .accepted: accepted += 1
                case .rejected(let reason):
                    seen.insert(reason.layer)
                    #expect(StackObservation(stack) == before)
                }
            case 55..<80: _ = try? stack.close(symbol)
            case 80..<84: try stack.setCap(Int(next(8)))
            case 84..<86: stack.setForcedUnwind(next(4) == 0)
            case 86..<90: _ = try? stack.markToMarket(symbol, value: Cents(Int64(next(1_200_000))))
            case 90..<94: try stack.update(volatility: Double(next(13)) / 100, drawdown: Double(next(35)) / 100, liquidity: Double(next(11)) / 10)
            case 94: stack.halt()
            case 95: _ = try? stack.resume()
            case 96: stack.enableDryRun()
            case 97: stack.goLive(confirmed: next(2) == 0)
            case 98: stack.pause()
            default: if next(3) == 0 { stack.stop() }
            }
            #expect(stack.checkInvariants() == [])
        }
        #expect(accepted > 0)
        #expect(seen == Set(RiskLayer.allCases))
    }
}
