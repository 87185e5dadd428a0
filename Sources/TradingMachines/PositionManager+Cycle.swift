import TradingVocabulary

extension PositionManager {
    /// One management pass: the close orders the state calls for. Changes nothing.
    ///
    /// In DRAIN, exactly `excess` orders for the lowest unrealized PnL first (never marked counts
    /// as 0; ties oldest first). In FORCED_UNWIND, one order per position in the same order. In
    /// NORMAL, none. The machine does not remember what it emitted: calling again before the fills
    /// arrive emits the same orders; the executor de-duplicates in-flight closes.
    ///
    /// - Complexity: O(n log n) in the number of positions.
    public func cycle() -> [ExitOrder] {
        let wanted: Int
        let reason: CloseReason
        switch state {
        case .normal: return []
        case .drain: (wanted, reason) = (excess, .drain)
        case .forcedUnwind: (wanted, reason) = (book.count, .forcedUnwind)
        }
        let ranked = book.sorted { lhs, rhs in
            (lhs.unrealizedPnL.value, lhs.entry) < (rhs.unrealizedPnL.value, rhs.entry)
        }
        return ranked.prefix(wanted).map { ExitOrder(symbol: $0.symbol, reason: reason) }
    }
}
