import TradingVocabulary

extension RiskStack {
    /// The names of every violated invariant: the stack's own and each layer's, prefixed by layer.
    public func checkInvariants() -> [String] {
        var violated: [String] = []
        violated += tradingMode.checkInvariants().map { "tradingMode." + $0 }
        violated += superState.checkInvariants().map { "superState." + $0 }
        violated += positions.checkInvariants().map { "positions." + $0 }
        violated += sectorCaps.checkInvariants().map { "sectorCaps." + $0 }
        if Set(positions.book.keys) != Set(sectorCaps.holdingsBySymbol.keys) { violated.append("stack.sameSymbols") }
        if tradingMode.isHalted != (superState.state == .emergencyHalt) { violated.append("stack.haltMirrored") }
        return violated
    }
}
