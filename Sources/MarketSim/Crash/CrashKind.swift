/// The five kinds of crash the simulator makes (simulation.md §2).
public enum CrashKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// A sharp fall over minutes and a quick recovery.
    case flashCrash
    /// A long, orderly decline over hours.
    case gradualDecline
    /// Chosen sectors collapse; the rest of the market falls less.
    case sectorCrash
    /// An extreme fall with extreme volatility, spreads and thin books.
    case blackSwan
    /// Liquidity vanishes and spreads explode; the price falls moderately.
    case liquidityCrisis

    /// The kind's name on the command line and in reports: `flash-crash`, `gradual-decline`, ….
    public var name: String {
        switch self {
        case .flashCrash: "flash-crash"
        case .gradualDecline: "gradual-decline"
        case .sectorCrash: "sector-crash"
        case .blackSwan: "black-swan"
        case .liquidityCrisis: "liquidity-crisis"
        }
    }
}
