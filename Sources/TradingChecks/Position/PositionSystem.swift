import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `PositionManager` behind the model's vocabulary: commands in, outcomes and
/// observations out. Its transition log is read from the machine's own sink.
///
/// Entry numbers are an implementation detail: production draws them from a process-wide
/// counter, the model counts from 0. Only their order is a rule, so the adapter renumbers
/// production's entries 0, 1, 2, … in the order they first appear, and keeps that numbering for
/// the whole case (a position keeps its number from step to step).
public struct PositionSystem: SystemUnderTest {
    public private(set) var machine: PositionManager
    let log = StepLog<PositionTransition>()
    private var entryNumbers: [UInt64: UInt64] = [:]

    public init() {
        let log = self.log
        machine = PositionManager(sink: ClosureSink { event in
            if case .position(let transition) = event { log.entries.append(transition) }
        })
    }

    public mutating func apply(_ command: PositionCommand) -> PositionOutcome {
        defer { numberNewEntries() }
        do {
            switch command {
            case .open(let symbol): return .decision(try machine.open(symbol))
            case .adopt(let symbol): return .transition(try machine.adopt(symbol))
            case .close(let symbol): return .transition(try machine.close(symbol))
            case .mark(let symbol, let pnl): try machine.mark(symbol, unrealizedPnL: pnl); return .done
            case .setCap(let cap): return .transition(try machine.setCap(cap))
            case .setForcedUnwind(let forced): return .transition(machine.setForcedUnwind(forced))
            case .cycle: return .orders(machine.cycle())
            }
        } catch {
            return .error(error)
        }
    }

    private mutating func numberNewEntries() {
        for entry in machine.positions.map(\.entry).sorted() where entryNumbers[entry] == nil {
            entryNumbers[entry] = UInt64(entryNumbers.count)
        }
    }

    public var observation: PositionObservation {
        PositionObservation(state: machine.state, count: machine.count, cap: machine.cap, excess: machine.excess,
                            isForced: machine.isForced,
                            positions: machine.positions.map {
                                ObservedPosition(symbol: $0.symbol, unrealizedPnL: $0.unrealizedPnL, isMarked: $0.isMarked,
                                                 entry: entryNumbers[$0.entry] ?? UInt64.max)
                            },
                            log: log.entries)
    }
}
