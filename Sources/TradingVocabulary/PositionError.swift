/// Malformed input to position management; the machine is unchanged.
public enum PositionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `open` or `adopt` of a symbol already held.
    case alreadyHeld(Symbol)
    /// `close` or `mark` of a symbol not held.
    case notHeld(Symbol)
    /// `setCap` with a negative cap.
    case negativeCap(Int)

    public var description: String {
        switch self {
        case .alreadyHeld(let symbol): "PositionManager: \(symbol) is already held"
        case .notHeld(let symbol): "PositionManager: \(symbol) is not held"
        case .negativeCap(let cap): "PositionManager.setCap: negative cap \(cap)"
        }
    }
}
