/// A window in which a strategy's model fails: its signal is inverted or frozen.
///
/// The market is unaffected; the scenario carries the fault so that the executor, which runs the
/// strategy, can apply it to the phase it names.
public struct SignalFault: Hashable, Sendable {
    /// How the signal fails.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Buy becomes sell and sell becomes buy.
        case inverted
        /// The signal keeps its value from the window's start.
        case frozen
    }

    public var kind: Kind
    /// The name of the scenario phase during which the signal fails.
    public var phase: String

    public init(_ kind: Kind, during phase: String) {
        self.kind = kind
        self.phase = phase
    }
}
