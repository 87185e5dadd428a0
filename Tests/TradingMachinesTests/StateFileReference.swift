import Foundation
import TradingMachines
import TradingVocabulary

/// The state stores as they were before `StateJSON`: Foundation's `JSONEncoder` (sorted keys)
/// and `JSONDecoder` (a header, then the whole envelope). The reference the new codec must
/// match: the same bytes written, the same kind of error for every input.
enum FoundationStateFile {
    struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    struct Envelope<Snapshot: Codable>: Codable {
        var format: String
        var version: Int
        var snapshot: Snapshot
    }

    static func encode<Snapshot: PersistableSnapshot & Codable>(_ snapshot: Snapshot) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return [UInt8](try encoder.encode(Envelope(format: Snapshot.format, version: 1, snapshot: snapshot)))
    }

    /// The old `load()` after reading the file.
    static func decode<Snapshot: PersistableSnapshot & Codable>(_ bytes: [UInt8], as _: Snapshot.Type) -> LoadResult<Snapshot> {
        let data = Data(bytes)
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else { return .failure(.corrupted("not a JSON object")) }
        guard header.format == Snapshot.format else { return .failure(.foreign(header.format)) }
        guard header.version == 1 else { return .failure(.unsupportedVersion(header.version ?? -1)) }
        guard let envelope = try? JSONDecoder().decode(Envelope<Snapshot>.self, from: data) else { return .failure(.corrupted("decoding")) }
        let violations = envelope.snapshot.violations()
        guard violations.isEmpty else { return .failure(.corrupted("inconsistent: \(violations.joined(separator: ", "))")) }
        return .success(envelope.snapshot)
    }
}

/// What decoding some bytes gave: a snapshot or the kind of error.
enum LoadResult<Snapshot: Equatable>: Equatable {
    case success(Snapshot)
    case failure(PersistenceError.Kind)
}

/// What must agree between the old and the new decoder: the snapshot, or the error's kind with
/// its payload, except the detail of a corruption (the new one says more), which only has to
/// agree on being an inconsistency and on which rules were broken.
enum DecodeOutcome<Snapshot: Equatable>: Equatable, CustomStringConvertible {
    case loaded(Snapshot)
    case corrupted
    case inconsistent(String)
    case foreign(String?)
    case unsupportedVersion(Int)
    case other(PersistenceError.Kind)

    init(_ result: LoadResult<Snapshot>) {
        switch result {
        case .success(let snapshot): self = .loaded(snapshot)
        case .failure(.corrupted(let detail)) where detail.hasPrefix("inconsistent: "): self = .inconsistent(detail)
        case .failure(.corrupted): self = .corrupted
        case .failure(.foreign(let format)): self = .foreign(format)
        case .failure(.unsupportedVersion(let version)): self = .unsupportedVersion(version)
        case .failure(let kind): self = .other(kind)
        }
    }

    var description: String {
        switch self {
        case .loaded(let snapshot): "loaded \(snapshot)"
        case .corrupted: "corrupted"
        case .inconsistent(let detail): detail
        case .foreign(let format): "foreign \(format ?? "nil")"
        case .unsupportedVersion(let version): "unsupportedVersion \(version)"
        case .other(let kind): "\(kind)"
        }
    }
}

extension StateStore {
    /// `decode` as a `Result`, for comparing with the reference.
    func result(_ bytes: [UInt8]) -> LoadResult<Snapshot> {
        do throws(PersistenceError) {
            return .success(try decode(bytes))
        } catch {
            return .failure(error.kind)
        }
    }
}
