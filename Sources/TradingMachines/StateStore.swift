#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A snapshot that a `StateStore` can persist.
public protocol PersistableSnapshot: Codable, Sendable, Equatable {
    /// The `format` field of the file, which tells this kind of file from any other.
    static var format: String { get }
    /// The documented default when the file does not exist.
    static var initial: Self { get }
    /// Consistency rules the snapshot breaks; a file whose snapshot breaks any is corrupted.
    func violations() -> [String]
}

extension SuperStateSnapshot: PersistableSnapshot {
    public static let format = "stresscheck.super-state"
}

extension TradingModeSnapshot: PersistableSnapshot {
    public static let format = "stresscheck.trading-mode"
}

/// Saves and loads one machine's snapshot as a versioned JSON file, with atomic writes.
///
/// A missing file loads as `Snapshot.initial`; anything else that is not a good file of this
/// kind is a `PersistenceError` naming the file, never a crash and never a silent reset.
public struct StateStore<Snapshot: PersistableSnapshot>: Sendable {
    /// The file format version this build writes and reads.
    public static var version: Int { 1 }

    let file: AtomicFile

    /// The state file.
    public var path: String { file.path }

    /// - Parameters:
    ///   - path: the state file; its directory must exist.
    ///   - fileSystem: the file operations (inject failures in tests).
    public init(path: String, fileSystem: any StateFileSystem = POSIXFileSystem()) {
        file = AtomicFile(path: path, fileSystem: fileSystem)
    }

    /// Loads the snapshot; `Snapshot.initial` if the file does not exist.
    public func load() throws(PersistenceError) -> Snapshot {
        guard let bytes = try file.read() else { return Snapshot.initial }
        let data = Data(bytes)
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw PersistenceError(path: path, kind: .corrupted("not a JSON object: \(error)"))
        }
        guard header.format == Snapshot.format else { throw PersistenceError(path: path, kind: .foreign(header.format)) }
        guard header.version == Self.version else {
            throw PersistenceError(path: path, kind: .unsupportedVersion(header.version ?? -1))
        }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch {
            throw PersistenceError(path: path, kind: .corrupted("\(error)"))
        }
        let violations = envelope.snapshot.violations()
        guard violations.isEmpty else {
            throw PersistenceError(path: path, kind: .corrupted("inconsistent: \(violations.joined(separator: ", "))"))
        }
        return envelope.snapshot
    }

    /// Saves the snapshot atomically; on failure the previous file is kept.
    public func save(_ snapshot: Snapshot) throws(PersistenceError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(Envelope(format: Snapshot.format, version: Self.version, snapshot: snapshot))
        } catch {
            throw PersistenceError(path: path, kind: .encodingFailed("\(error)"))
        }
        try file.write([UInt8](data))
    }

    /// The fields read first, to tell foreign and future files from corrupted ones.
    struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// The whole file.
    struct Envelope: Codable {
        var format: String
        var version: Int
        var snapshot: Snapshot
    }
}

/// The super-state's store.
public typealias SuperStateStore = StateStore<SuperStateSnapshot>
/// The trading mode's store.
public typealias TradingModeStore = StateStore<TradingModeSnapshot>
