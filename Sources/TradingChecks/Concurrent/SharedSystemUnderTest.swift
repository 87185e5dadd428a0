/// A thread-safe system under test: one instance shared by every lane of a concurrent check, so
/// its `apply` is called from several threads at once. Broken variants (the bug zoo) conform too.
public protocol SharedSystemUnderTest: Sendable {
    associatedtype Command
    associatedtype Outcome
    associatedtype Observation
    /// Applies a command from any thread; throws only when the system itself breaks.
    func apply(_ command: Command) throws -> Outcome
    /// Everything observable, read once every lane has finished.
    var observation: Observation { get }
}
