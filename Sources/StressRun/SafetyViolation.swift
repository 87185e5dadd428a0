import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The safety properties a run must keep after every step (`docs/stress.md`, properties).
public enum SafetyProperty: String, CaseIterable, Hashable, Sendable {
    /// After each bar's update the super-state is at least what that bar's classification requires.
    case superStateFollowsClassification
    /// Every super-state transition is in the allowed table (never CRISIS → NORMAL).
    case allowedTransitions
    /// No buy reaches the venue while the super-state is STRESSED, CRISIS or EMERGENCY_HALT.
    case noNewPositionWhenRestricted
    /// No accepted buy leaves its sector above the hard cap.
    case sectorHardCap
    /// No order reaches the venue unless the trading mode is LIVE_ACTIVE and not halted.
    case noOrderWhileOffOrHalted
    /// The executor's books equal the venue's and satisfy the books equation exactly.
    case booksReconcile
}

/// One broken safety property, with the values that break it: a typed value that a shrinker or
/// a report reads directly (never a string to parse).
public enum SafetyViolation: Hashable, Sendable {
    /// After the bar's update the super-state was `state` (`before` it was `before`), below what
    /// the classification of the bar's fresh conditions requires (CRISIS: CRISIS or halted;
    /// STRESSED: STRESSED or worse, or RECOVERY entered from CRISIS).
    case stateBelowClassification(time: SimTime, classification: PortfolioState, before: PortfolioState, state: PortfolioState)
    /// A transition outside the allowed table, e.g. CRISIS → NORMAL.
    case forbiddenTransition(time: SimTime, SuperStateTransition)
    /// A buy sent while the super-state allowed no new position.
    case newPositionWhileRestricted(time: SimTime, order: ClientOrderID, symbol: Symbol, state: PortfolioState)
    /// An accepted buy after which the sector's exposure exceeds its hard cap.
    case sectorAboveHardCap(time: SimTime, order: ClientOrderID, sector: Sector, exposure: Cents, cap: Cents)
    /// An order sent to the venue while the trading mode was not LIVE_ACTIVE or was halted.
    case orderWhileBlocked(time: SimTime, order: ClientOrderID, mode: TradingModeState, halted: Bool)
    /// The books failed to reconcile.
    case booksUnreconciled(time: SimTime, BooksMismatch)

    /// The property it breaks.
    public var property: SafetyProperty {
        switch self {
        case .stateBelowClassification: .superStateFollowsClassification
        case .forbiddenTransition: .allowedTransitions
        case .newPositionWhileRestricted: .noNewPositionWhenRestricted
        case .sectorAboveHardCap: .sectorHardCap
        case .orderWhileBlocked: .noOrderWhileOffOrHalted
        case .booksUnreconciled: .booksReconcile
        }
    }

    /// When it happened on the virtual clock.
    public var time: SimTime {
        switch self {
        case .stateBelowClassification(let time, _, _, _), .forbiddenTransition(let time, _), .newPositionWhileRestricted(let time, _, _, _),
            .sectorAboveHardCap(let time, _, _, _, _), .orderWhileBlocked(let time, _, _, _), .booksUnreconciled(let time, _):
            time
        }
    }
}

/// How the books failed to reconcile, exactly, in minor units.
public enum BooksMismatch: Hashable, Sendable {
    /// cash + Σ position × mark ≠ initial cash + realized + unrealized − fees (the executor's books).
    case equation(assets: Cents, accounted: Cents)
    /// The executor's cash differs from the venue's.
    case cash(executor: Cents, venue: Cents)
    /// The executor's fees paid differ from the venue's.
    case fees(executor: Cents, venue: Cents)
    /// A symbol's holding differs (nil: no holding on that side).
    case holding(symbol: Symbol, executor: HoldingSnapshot?, venue: HoldingSnapshot?)
}
