import ExchangeSim
import ExchangeVocabulary
import Foundation
import MarketSim
import TradingMachines
import TradingVocabulary

/// The portfolio-integrity test (`docs/certification.md`): a seeded trading session on the
/// simulated venue, journaled as a bot must — every listing, deposit, acknowledgement, fill and
/// cancellation appended to the durable journal before the live books take it — then the journal
/// replayed from disk and the three records of the truth reconciled: live books, journal, venue.
public struct IntegrityTest: Sendable {
    /// Orders the session sends.
    public var orders = 40
    /// The journal's fsync policy (every append durable by default, as in production).
    public var policy: TransactionJournal.SyncPolicy = .everyAppend
    /// How many times the journal is compacted during the session, evenly spaced (0: never). A
    /// long-lived bot compacts its journal (`TransactionJournal.compact()`), so the truth is
    /// reconciled across a checkpoint, as it would be in production.
    public var compactions = 1
    public var gates = CertificationGates()
    /// A deliberate bug for the bug zoo: the bot forgets to journal its n-th fill (the live books
    /// still take it). nil in production.
    @_spi(BugZoo) public var dropsFill: Int?

    public init() {}

    /// Runs the session of `seed`, its journal in `directory` (a fresh file, removed afterwards).
    /// - Throws: ``IntegrityError`` when the journal cannot be written or read back, or the
    ///   session refuses a transaction; a reconciliation difference is a result, not an error.
    public func run(seed: UInt64, directory: String) throws(IntegrityError) -> IntegrityResult {
        let path = directory + "/integrity-\(seed).journal"
        POSIXFileSystem().removeFile(atPath: path)
        defer { POSIXFileSystem().removeFile(atPath: path) }
        var session: JournaledSession
        do {
            session = try JournaledSession(
                configuration: JournaledSession.spotConfiguration,
                journal: try TransactionJournal(path: path, policy: policy))
            session.dropsFill = dropsFill
            var choices = SeededChoices(seed: seed)
            let parts = max(compactions, 0) + 1
            for part in 0..<parts {
                if part > 0 { try session.journal.compact() }
                try session.trade(orders: orders * (part + 1) / parts - orders * part / parts, choices: &choices)
            }
            try session.journal.close()
        } catch let error as JournalError {
            throw .journal(error)
        } catch let error as BooksError {
            throw .books(error)
        } catch let error as VenueConfigurationError {
            throw .venueConfiguration(error)
        } catch let error as ClientError {
            throw .client(error)
        } catch let error as MarketDataError {
            throw .marketData(error)
        } catch {
            preconditionFailure("the journaled session threw an error it does not declare: \(error)")
        }
        let replay: JournalReplay
        do {
            guard let bytes = try POSIXFileSystem().readFile(atPath: path) else { throw IntegrityError.journalMissing(path) }
            replay = try JournalReader.replay(bytes)  // with its records: reconciliation compares the fills
        } catch let error as IntegrityError {
            throw error
        } catch let error as JournalError {
            throw .journal(error)
        } catch let error as FileSystemFailure {
            throw .fileSystem(error)
        } catch {
            preconditionFailure("reading the journal back threw an error it does not declare: \(error)")
        }
        let report = Reconciliation.check(live: session.live, journal: replay, venue: session.venue)
        return IntegrityResult(
            seed: seed, report: report, fills: session.venue.fills.count, journalEnd: replay.end, compacted: replay.checkpoint != nil)
    }
}

/// What one integrity run found.
public struct IntegrityResult: Hashable, Sendable {
    public let seed: UInt64
    public let report: ReconciliationReport
    /// Fills the venue booked in the session (the test measured something only if some).
    public let fills: Int
    /// How the journal ended when read back (clean after an orderly close).
    public let journalEnd: JournalEnd
    /// Whether the journal read back starts from a checkpoint (it was compacted).
    public let compacted: Bool

    /// Fills in the journal or at the venue but not both: a transaction not logged (or logged and
    /// never made), whatever its amount.
    public var fillsNotInBoth: Int { report.differences.count { if case .books = $0 { false } else { true } } }

    /// Every transaction logged, every position and instrument's tick value the same in the three
    /// records, and their money within the gate's delta.
    public func passed(_ gates: CertificationGates) -> Bool {
        journalEnd == .clean && fillsNotInBoth == 0 && report.positionDifferences.isEmpty && report.tickValueDifferences.isEmpty
            && report.largestMoneyDelta <= gates.integrityDeltaMinorUnits
    }
}

/// Why an integrity run could not be completed.
public enum IntegrityError: Error, Hashable, Sendable {
    case journal(JournalError)
    case books(BooksError)
    case journalMissing(String)
    /// The journal file could not be read back.
    case fileSystem(FileSystemFailure)
    /// The simulated venue refused the session's configuration, an order or a quote (a bug in
    /// the session itself): the venue's typed error.
    case venueConfiguration(VenueConfigurationError)
    case client(ClientError)
    case marketData(MarketDataError)
}
