import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The link and fault switches a driver flips (`docs/exchange.md`, faults).
extension SimulatedExchange {
    /// Takes the client's link down: messages arriving while it is down are lost either way.
    /// With cancel-on-disconnect every open order is CANCELED now (its report travels, and is lost
    /// unless the link is back when it arrives). Idempotent.
    public mutating func disconnect() {
        defer { checkInvariantsIfEnabled() }
        guard connected else { return }
        connected = false
        guard configuration.cancelOnDisconnect else { return }
        for position in venue.indices where venue[position].isOpen {
            close(Int32(position), as: .canceled)
            report(Int32(position), back: venue[position].back)
        }
    }

    /// Brings the link back up. Idempotent.
    public mutating func reconnect() {
        defer { checkInvariantsIfEnabled() }
        connected = true
    }

    /// Starts or ends a reject storm: flagged submits arriving during it are `rejectStorm`.
    public mutating func setRejectStorm(_ on: Bool) {
        defer { checkInvariantsIfEnabled() }
        rejectStorm = on
    }

    /// Freezes (or thaws) the client's quotes; the venue keeps pricing at the real quote. Thawing
    /// does not resend the quote in force: the client sees the next quote update.
    public mutating func setStaleBook(_ on: Bool) {
        defer { checkInvariantsIfEnabled() }
        staleBook = on
    }
}
