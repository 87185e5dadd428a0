import TradingVocabulary

/// The four machines together: an order request passes trading mode → super-state → position
/// management → sector caps, and is booked only if every layer accepts.
///
/// Every layer is asked before any layer changes, so a rejection changes nothing anywhere and
/// names the first layer that said no. The decision path does no I/O and no heap allocation.
/// Rules and decisions: `docs/machines.md` §5.
public struct RiskStack: Sendable {
    /// The trading mode layer.
    public internal(set) var tradingMode: TradingMode
    /// The super-state layer.
    public internal(set) var superState: PortfolioSuperState
    /// The position-management layer.
    public internal(set) var positions: PositionManager
    /// The sector-caps layer; it also holds the portfolio value.
    public internal(set) var sectorCaps: SectorCaps

    /// Creates a stack: trading mode OFF, super-state NORMAL, no positions, cap 8, default limits.
    ///
    /// - Parameters:
    ///   - portfolioValue: must be > 0.
    ///   - table: the symbol-to-sector table.
    ///   - capacityHint: positions to reserve room for, so the decision path never allocates.
    ///   - sink: where every layer logs its state changes.
    /// - Throws: `.sectorCaps(.nonPositivePortfolioValue)`.
    public init(
        portfolioValue: Cents, table: SymbolSectorTable = .default, capacityHint: Int = 64,
        sink: any TransitionSink = NoTransitionSink()
    ) throws(RiskStackError) {
        tradingMode = TradingMode(sink: sink)
        superState = PortfolioSuperState(sink: sink)
        positions = PositionManager(capacityHint: capacityHint, sink: sink)
        sectorCaps = SectorCaps(table: table, capacityHint: capacityHint)
        do {
            try sectorCaps.setPortfolioValue(portfolioValue)
        } catch {
            throw .sectorCaps(error)
        }
    }

    /// Restarts from persisted super-state and trading-mode snapshots.
    ///
    /// The super-state is restored exactly; the trading mode as `TradingMode(restarting:)` does
    /// (LIVE_ACTIVE comes back as DRY_RUN); then the halted flag follows the super-state. Positions
    /// and holdings are not persisted: rebuild them from the exchange with `adopt`.
    public init(
        restoring superStateSnapshot: SuperStateSnapshot, tradingModeSnapshot: TradingModeSnapshot,
        portfolioValue: Cents, table: SymbolSectorTable = .default, capacityHint: Int = 64,
        sink: any TransitionSink = NoTransitionSink()
    ) throws(RiskStackRestoreError) {
        do {
            self = try RiskStack(portfolioValue: portfolioValue, table: table, capacityHint: capacityHint, sink: sink)
        } catch {
            throw .input(error)
        }
        do {
            superState = try PortfolioSuperState(restoring: superStateSnapshot, sink: sink)
        } catch {
            throw .superState(error)
        }
        do {
            tradingMode = try TradingMode(restarting: tradingModeSnapshot, sink: sink)
        } catch {
            throw .tradingMode(error)
        }
        mirrorHalt()
    }

    /// Keeps the trading mode's halted flag equal to "the super-state is in EMERGENCY_HALT".
    mutating func mirrorHalt() {
        let halted = superState.state == .emergencyHalt
        if tradingMode.isHalted != halted { tradingMode.setHalted(halted) }
    }
}

/// Why `RiskStack(restoring:…)` failed.
public enum RiskStackRestoreError: Error, Hashable, Sendable {
    case input(RiskStackError)
    case superState(InvalidSnapshot)
    case tradingMode(InvalidSnapshot)
}
