/// The steps of an atomic state-file write, in order (`docs/machines.md`, "Persistence"): the
/// model's own names for them (it never imports production's `WriteStep`).
public enum SaveStep: String, CaseIterable, Hashable, Sendable {
    case createTemporary, write, sync, close, rename, syncDirectory

    /// Whether a save stopped at this step has already replaced the file: a save commits at its
    /// rename, so only a stop at the step after it leaves the new contents in place.
    public var isPastCommit: Bool { self == .syncDirectory }
}

/// A fault injected into the save a restart makes, as a command of the persisted machines'
/// checks (issue 9 §2: failed writes, kills mid-write, torn files).
public enum PersistenceFault: Hashable, Sendable, CustomStringConvertible {
    /// The save fails at `step` with an error (disk full, I/O error), which must be reported; the
    /// process restarts anyway, from whatever the file then holds.
    case saveFails(SaveStep)
    /// The process is killed at `step` of the save (the step does not complete; a killed write
    /// has written half its bytes), then restarts from whatever the file holds.
    case killedDuringSave(SaveStep)
    /// The save completes, then the file loses its second half (a torn sector): the reload must
    /// refuse it, and the process goes on as it was.
    case stateFileTorn

    public var description: String {
        switch self {
        case .saveFails(let step): ".saveFails(.\(step.rawValue))"
        case .killedDuringSave(let step): ".killedDuringSave(.\(step.rawValue))"
        case .stateFileTorn: ".stateFileTorn"
        }
    }
}

/// What a restart under a fault reported, beside the machine's state.
public struct RestartReport: Hashable, Sendable, CustomStringConvertible {
    /// The step at which the save before the restart reported an error, if it did.
    public var saveFailedAt: SaveStep?
    /// The reload found a state file it could not decode and refused it: no restart happened.
    public var refusedCorruptFile: Bool

    public init(saveFailedAt: SaveStep? = nil, refusedCorruptFile: Bool = false) {
        self.saveFailedAt = saveFailedAt
        self.refusedCorruptFile = refusedCorruptFile
    }

    public var description: String {
        ".init(saveFailedAt: \(saveFailedAt.map { ".\($0.rawValue)" } ?? "nil"), refusedCorruptFile: \(refusedCorruptFile))"
    }
}

/// One state file as a model sees it: what a reload would read. Plain on purpose: a save either
/// replaces the contents or leaves them, by `SaveStep.isPastCommit`; a tear makes them unreadable.
public struct ModelStateFile<Snapshot: Sendable & Equatable>: Sendable {
    /// What a reload reads; nil once torn (until the next save that commits).
    public private(set) var contents: Snapshot?

    /// A file never written reads as the machine's documented initial snapshot (a first start).
    public init(initial: Snapshot) { contents = initial }

    /// A save of `snapshot` that `fault` may strike; returns the step reported as failed.
    public mutating func save(_ snapshot: Snapshot, fault: PersistenceFault? = nil) -> SaveStep? {
        switch fault {
        case nil:
            contents = snapshot
            return nil
        case .saveFails(let step):
            if step.isPastCommit { contents = snapshot }
            return step
        case .killedDuringSave(let step):
            if step.isPastCommit { contents = snapshot }
            return nil
        case .stateFileTorn:
            contents = nil
            return nil
        }
    }
}

extension ModelStateFile: Equatable {}
extension ModelStateFile: Hashable where Snapshot: Hashable {}
