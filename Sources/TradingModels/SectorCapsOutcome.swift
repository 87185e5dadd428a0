import TradingVocabulary

/// What applying one `SectorCapsCommand` observably produced.
public enum SectorCapsOutcome: Hashable, Sendable, CustomStringConvertible {
    /// `canAdd` and `add`: accepted or rejected with a reason.
    case decision(Decision<SectorRejection>)
    /// `remove`: the amount the holding had.
    case removed(Cents)
    /// Any other input, applied.
    case done
    /// The input was malformed; nothing changed.
    case error(SectorCapsError)

    public var description: String {
        switch self {
        case .decision(.accepted): ".decision(.accepted)"
        case .decision(.rejected(let reason)): ".decision(.rejected(\(reason)))"
        case .removed(let amount): ".removed(\(Literal.cents(amount)))"
        case .done: ".done"
        case .error(let error): ".error(\(error))"
        }
    }
}
