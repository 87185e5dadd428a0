import PropertyCheck
import TradingModels

/// The faults the persisted machines' checks strike restarts with (issue 9 §2): every step of
/// the atomic write failed with an error, every step killed, and a torn file. The first is the
/// simplest, where shrinking goes.
enum PersistenceFaults {
    static let all: [PersistenceFault] =
        SaveStep.allCases.map(PersistenceFault.saveFails)
        + SaveStep.allCases.map(PersistenceFault.killedDuringSave) + [.stateFileTorn]

    static let generator: Gen<PersistenceFault> = Gen.element(of: all)
}
