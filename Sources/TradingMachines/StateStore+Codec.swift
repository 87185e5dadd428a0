/// The state file's contents, apart from the disk: public so that the fuzz target and tests can
/// decode any bytes without writing them to a file first.
extension StateStore {
    /// The file's bytes for a snapshot: `{"format":…,"snapshot":{…},"version":1}`, exactly as
    /// `JSONEncoder` with `.sortedKeys` wrote them.
    public func encode(_ snapshot: Snapshot) -> [UInt8] {
        StateJSON.object([
            StateJSON.Member("format", .string(Snapshot.format)),
            StateJSON.Member("snapshot", snapshot.stateJSON),
            StateJSON.Member("version", .number(StateJSON.Number(Self.version))),
        ]).encoded
    }

    /// Reads a file's bytes (parsed once), with the errors `load()` gives and in the same order
    /// as when Foundation decoded the files: first the bytes must be a JSON object, with a
    /// `format` that is a string or absent and a `version` that is an integer or absent
    /// (else `.corrupted`); then a `format` of another kind is `.foreign`, a `version` other
    /// than this build's `.unsupportedVersion` (-1 when absent); then the snapshot must read
    /// (else `.corrupted` naming the path, e.g. `snapshot.history[3].cause: unknown value
    /// "foo"`) and be consistent (else `.corrupted("inconsistent: …")`).
    public func decode(_ bytes: [UInt8]) throws(PersistenceError) -> Snapshot {
        func corrupted(_ detail: String) -> PersistenceError { PersistenceError(path: path, kind: .corrupted(detail)) }
        let root: StateJSON
        do {
            root = try StateJSON(parsing: bytes)
        } catch {
            throw corrupted("not a JSON object: \(error)")
        }
        guard case .object(let members) = root else { throw corrupted("not a JSON object: found \(root.kindName)") }
        let fields = StateJSON.Fields(members: members)
        let format: String?
        let version: Int?
        let snapshot: Snapshot
        do {
            format = try fields.decodeIfPresent("format") { json throws(StateJSONError) in try json.string() }
            version = try fields.decodeIfPresent("version") { json throws(StateJSONError) in try json.integer() }
        } catch {
            throw corrupted(error.description)
        }
        guard format == Snapshot.format else { throw PersistenceError(path: path, kind: .foreign(format)) }
        guard version == Self.version else { throw PersistenceError(path: path, kind: .unsupportedVersion(version ?? -1)) }
        do {
            snapshot = try fields.decode("snapshot", Snapshot.init(stateJSON:))
        } catch {
            throw corrupted(error.description)
        }
        let violations = snapshot.violations()
        guard violations.isEmpty else { throw corrupted("inconsistent: \(violations.joined(separator: ", "))") }
        return snapshot
    }
}
