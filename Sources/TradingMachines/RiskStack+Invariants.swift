import TradingVocabulary

extension RiskStack {
    /// The names of every violated invariant: the stack's own and each layer's, prefixed by layer.
    public func checkInvariants() -> [String] { checkInvariants(includingHistories: true) }

    /// The invariants; without the trading mode's and the super-state's when
    /// `includingHistories` is false (the checks after each input read those layers
    /// incrementally, see `checkInvariantsIfEnabled`).
    func checkInvariants(includingHistories: Bool) -> [String] {
        var violated: [String] = []
        if includingHistories {
            violated += tradingMode.checkInvariants().map { "tradingMode." + $0 }
            violated += superState.checkInvariants().map { "superState." + $0 }
        }
        violated += positions.checkInvariants().map { "positions." + $0 }
        violated += sectorCaps.checkInvariants().map { "sectorCaps." + $0 }
        // The same keys: equal counts, and each of one side held by the other (no sets built).
        let sameSymbols =
            positions.book.count == sectorCaps.book.count && positions.book.allSatisfy { sectorCaps.index(of: $0.symbol) != nil }
        if !sameSymbols { violated.append("stack.sameSymbols") }
        if tradingMode.isHalted != (superState.state == .emergencyHalt) { violated.append("stack.haltMirrored") }
        return violated
    }
}
