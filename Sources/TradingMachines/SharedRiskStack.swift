import Synchronization
import TradingVocabulary

/// A risk stack that many threads can use at once, optionally persisted.
///
/// Every call takes the lock for exactly one input, so each decision is atomic with respect to
/// every other. With persistence, every input that changes the super-state or trading-mode
/// snapshot saves it before returning (under the lock, so files follow memory in order). Order
/// decisions never change those snapshots and never touch the disk.
public final class SharedRiskStack: Sendable {
    struct Guarded: Sendable {
        var stack: RiskStack
        var persistence: RiskStackPersistence?
        var savedSuperState: SuperStateSnapshot?
        var savedTradingMode: TradingModeSnapshot?
    }

    let guarded: Mutex<Guarded>

    /// Runs `body` with the lock held, annotated for ThreadSanitizer (see `ThreadSanitizerHooks`).
    func locked<R: Sendable, E: Error>(_ body: (inout Guarded) throws(E) -> R) throws(E) -> R {
        let address = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
        return try guarded.withLock { (guarded: inout Guarded) throws(E) -> R in
            ThreadSanitizerHooks.acquire(address)
            defer { ThreadSanitizerHooks.release(address) }
            return try body(&guarded)
        }
    }

    /// Wraps a stack; without persistence nothing is ever written.
    public init(_ stack: RiskStack, persistence: RiskStackPersistence? = nil) {
        guarded = Mutex(Guarded(stack: stack, persistence: persistence))
    }

    /// Restarts from the state files (missing files give the documented defaults).
    ///
    /// - Throws: `.persistence` for an unreadable, corrupted or foreign file, `.input` for a bad
    ///   portfolio value; nothing is written.
    public convenience init(
        restoringFrom persistence: RiskStackPersistence, portfolioValue: Cents,
        table: SymbolSectorTable = .default, capacityHint: Int = 64, sink: any TransitionSink = NoTransitionSink()
    ) throws(SharedRiskStackError) {
        let superState: SuperStateSnapshot
        let tradingMode: TradingModeSnapshot
        do {
            superState = try persistence.superState.load()
            tradingMode = try persistence.tradingMode.load()
        } catch {
            throw .persistence(error)
        }
        let stack: RiskStack
        do {
            stack = try RiskStack(
                restoring: superState, tradingModeSnapshot: tradingMode, portfolioValue: portfolioValue,
                table: table, capacityHint: capacityHint, sink: sink)
        } catch {
            switch error {
            case .input(let inputError): throw .input(inputError)
            case .superState(let invalid):
                throw .persistence(PersistenceError(path: persistence.superState.path, kind: .corrupted(invalid.description)))
            case .tradingMode(let invalid):
                throw .persistence(PersistenceError(path: persistence.tradingMode.path, kind: .corrupted(invalid.description)))
            }
        }
        self.init(stack, persistence: persistence)
        // The files already hold what was loaded; a restart's LIVE → DRY_RUN still needs saving.
        locked {
            $0.savedSuperState = superState
            $0.savedTradingMode = tradingMode
        }
    }

    /// Submits one order request (see `RiskStack.submit`). Never touches the disk.
    public func submit(_ request: OrderRequest) throws(RiskStackError) -> RiskDecision {
        try locked { (guarded: inout Guarded) throws(RiskStackError) -> RiskDecision in
            try guarded.stack.submit(request)
        }
    }

    /// Reads the stack under the lock, e.g. to check invariants or observe state.
    public func withStack<R: Sendable>(_ body: (RiskStack) -> R) -> R {
        locked { body($0.stack) }
    }

    /// Applies any other input under the lock, then saves what changed.
    ///
    /// The in-memory change is kept even when the save fails (a disk failure must never block a
    /// halt); `isDurable` is then false until a later save succeeds.
    ///
    /// - Throws: `.input` (nothing changed) or `.persistence` (changed in memory, not on disk).
    @discardableResult
    public func apply<R: Sendable>(_ input: (inout RiskStack) throws(RiskStackError) -> R) throws(SharedRiskStackError) -> R {
        try locked { (guarded: inout Guarded) throws(SharedRiskStackError) -> R in
            let result: R
            do throws(RiskStackError) {
                result = try input(&guarded.stack)
            } catch {
                throw .input(error)
            }
            try Self.persist(&guarded)
            return result
        }
    }

    /// Saves the snapshots now if they differ from what was last saved.
    public func saveNow() throws(PersistenceError) {
        try locked { (guarded: inout Guarded) throws(PersistenceError) in
            do throws(SharedRiskStackError) {
                try Self.persist(&guarded)
            } catch {
                if case .persistence(let failure) = error { throw failure }
            }
        }
    }

    /// Whether the files hold the live super-state and trading mode (always true without persistence).
    public var isDurable: Bool {
        locked { guarded in
            guard guarded.persistence != nil else { return true }
            return guarded.savedSuperState == guarded.stack.superState.snapshot
                && guarded.savedTradingMode == guarded.stack.tradingMode.snapshot
        }
    }

    /// Saves each snapshot that differs from the last saved one.
    static func persist(_ guarded: inout Guarded) throws(SharedRiskStackError) {
        guard let persistence = guarded.persistence else { return }
        let superState = guarded.stack.superState.snapshot
        let tradingMode = guarded.stack.tradingMode.snapshot
        do throws(PersistenceError) {
            if guarded.savedSuperState != superState {
                try persistence.superState.save(superState)
                guarded.savedSuperState = superState
            }
            if guarded.savedTradingMode != tradingMode {
                try persistence.tradingMode.save(tradingMode)
                guarded.savedTradingMode = tradingMode
            }
        } catch {
            throw .persistence(error)
        }
    }
}

/// The two state files of a persisted risk stack.
public struct RiskStackPersistence: Sendable {
    public var superState: SuperStateStore
    public var tradingMode: TradingModeStore

    public init(superState: SuperStateStore, tradingMode: TradingModeStore) {
        self.superState = superState
        self.tradingMode = tradingMode
    }
}

/// Why a `SharedRiskStack` input failed.
public enum SharedRiskStackError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Bad input; nothing changed.
    case input(RiskStackError)
    /// The input took effect in memory, but saving it failed.
    case persistence(PersistenceError)

    public var description: String {
        switch self {
        case .input(let error): "\(error)"
        case .persistence(let error): "\(error)"
        }
    }
}
