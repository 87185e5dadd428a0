import Foundation
import TradingMachines

/// The state files' decoder, fuzzed: any bytes go to both stores' `decode` (no disk), which
/// must return or throw a `PersistenceError`, never trap; its fast reader must give up or agree
/// with its general reader. Whenever a decoder accepts the bytes,
/// the snapshot must survive a round trip: re-encoded, it decodes to the same snapshot, and
/// encoding that gives the same bytes again, which are the bytes Foundation's `JSONEncoder`
/// writes for it (the file format did not change).
///
/// `STRESSCHECK_STATE_FILE_FOUNDATION=1` adds a differential check against the old decoder
/// (Foundation's, as `StateStore` used it): whatever the new decoder accepts, or calls foreign
/// or of another version, Foundation must have judged the same. Off by default: Foundation's
/// decoding is slow, and a few of its leniencies and limits are known (docs/machines.md §6).
public enum StateFileFuzzing {
    static let superStateStore = SuperStateStore(path: "fuzz-input")
    static let tradingModeStore = TradingModeStore(path: "fuzz-input")
    static let comparesWithFoundation = getenv("STRESSCHECK_STATE_FILE_FOUNDATION") != nil

    struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    struct Envelope<Snapshot: Codable>: Codable {
        var format: String
        var version: Int
        var snapshot: Snapshot
    }

    /// A broken property: a short name (the failure's signature) and the details.
    struct Failure: Error {
        var signature: String
        var details: String
    }

    /// What the property found wrong with `bytes`, or `nil`.
    public static func check(_ bytes: [UInt8]) -> (signature: String, details: String)? {
        do throws(Failure) {
            try roundTrip(bytes, superStateStore)
            try roundTrip(bytes, tradingModeStore)
            return nil
        } catch {
            return (error.signature, error.details)
        }
    }

    static func roundTrip<Snapshot: PersistableSnapshot & Codable>(_ bytes: [UInt8], _ store: StateStore<Snapshot>) throws(Failure) {
        let kind = Snapshot.format
        // The fast reader (exact written bytes only) gives up or reads what the general one reads.
        if let fast = StateStore<Snapshot>.decodeCanonical(bytes) {
            let general = Result { () throws(PersistenceError) in try store.decodeGeneral(bytes) }
            guard general == .success(fast) else {
                throw Failure(signature: "\(kind): the fast reader disagrees with the general reader", details: "fast: \(fast)\ngeneral: \(general)")
            }
        }
        let decoded: Snapshot
        do throws(PersistenceError) {
            decoded = try store.decode(bytes)
        } catch {
            if comparesWithFoundation { try agreeOnRejection(bytes, error.kind, as: Snapshot.self) }
            return
        }
        if comparesWithFoundation {
            let envelope = try? JSONDecoder().decode(Envelope<Snapshot>.self, from: Data(bytes))
            guard envelope?.snapshot == decoded else {
                throw Failure(
                    signature: "\(kind): accepted, but Foundation decoded otherwise",
                    details: "new: \(decoded)\nFoundation: \(envelope.map { "\($0.snapshot)" } ?? "an error")")
            }
        }
        let encoded = store.encode(decoded)
        let again: Snapshot
        do throws(PersistenceError) {
            again = try store.decode(encoded)
        } catch {
            throw Failure(
                signature: "\(kind): the re-encoded file does not decode", details: "\(error)\nre-encoded: \(String(decoding: encoded, as: UTF8.self))")
        }
        guard again == decoded else {
            throw Failure(signature: "\(kind): the re-encoded file decodes to another snapshot", details: "decoded: \(decoded)\nagain: \(again)")
        }
        guard store.encode(again) == encoded else {
            throw Failure(signature: "\(kind): encoding is not stable", details: "first: \(String(decoding: encoded, as: UTF8.self))")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let foundation = (try? encoder.encode(Envelope(format: Snapshot.format, version: StateStore<Snapshot>.version, snapshot: decoded))).map { [UInt8]($0) }
        guard foundation == encoded else {
            throw Failure(
                signature: "\(kind): the file differs from what Foundation writes",
                details:
                    "ours: \(String(decoding: encoded, as: UTF8.self))\nFoundation: \(foundation.map { String(decoding: $0, as: UTF8.self) } ?? "an error")")
        }
    }

    /// The new decoder rejected the bytes as `kind`: a foreign or unsupported verdict must be
    /// Foundation's too.
    static func agreeOnRejection<Snapshot: PersistableSnapshot & Codable>(_ bytes: [UInt8], _ kind: PersistenceError.Kind, as _: Snapshot.Type) throws(Failure)
    {
        let header = try? JSONDecoder().decode(Header.self, from: Data(bytes))
        let old: PersistenceError.Kind? =
            switch (header?.format, header?.version) {
            case _ where header == nil: nil
            case (let format, _) where format != Snapshot.format: .foreign(format)
            case (_, let version) where version != StateStore<Snapshot>.version: .unsupportedVersion(version ?? -1)
            default: nil
            }
        switch kind {
        case .foreign, .unsupportedVersion:
            guard old == kind else {
                throw Failure(
                    signature: "\(Snapshot.format): header judged otherwise than by Foundation",
                    details: "new: \(kind)\nFoundation: \(old.map { "\($0)" } ?? "corrupted")")
            }
        default:
            break
        }
    }

    /// The fuzz target.
    public static let target = FuzzTarget(name: "state-file") { bytes, _ in
        guard let failure = check(bytes) else {
            return FuzzVerdict(outcome: .passed, report: "", counterexampleBytes: nil, counterexample: nil)
        }
        let report =
            "✗ state-file failed on \(bytes.count) bytes\n\nFailure: \(failure.signature)\n\(failure.details)\n\nInput:\n\(String(decoding: bytes, as: UTF8.self).debugDescription)"
        return FuzzVerdict(
            outcome: .failed, report: report, counterexampleBytes: bytes, counterexample: String(decoding: bytes, as: UTF8.self).debugDescription,
            signature: failure.signature)
    }
}
