/// The state file's contents, apart from the disk: public so that the fuzz target and tests can
/// decode any bytes without writing them to a file first.
extension StateStore {
    /// The file's bytes for a snapshot: `{"format":…,"snapshot":{…},"version":1}`, exactly as
    /// `JSONEncoder` with `.sortedKeys` wrote them.
    public func encode(_ snapshot: Snapshot) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        output.appendLiteral(#"{"format":"#)
        StateJSON.writeString(Snapshot.format, into: &output)
        output.appendLiteral(#","snapshot":"#)
        snapshot.writeJSON(into: &output)
        output.appendLiteral(#","version":"#)
        output.append(contentsOf: String(Self.version).utf8)
        output.appendLiteral("}")
        return output
    }

    /// Reads a file's bytes: the exact bytes `encode` writes by the fast path, anything else by
    /// the general reader (`decodeGeneral`), which gives the errors.
    public func decode(_ bytes: [UInt8]) throws(PersistenceError) -> Snapshot {
        if let snapshot = Self.decodeCanonical(bytes) { return snapshot }
        return try decodeGeneral(bytes)
    }

    /// The snapshot in `bytes` if they are exactly what `encode` writes for a consistent
    /// snapshot; otherwise `nil` (see `CanonicalStateReader`). Public so that the tests and the
    /// fuzz target can hold it to `decodeGeneral`.
    public static func decodeCanonical(_ bytes: [UInt8]) -> Snapshot? {
        bytes.withUnsafeBufferPointer { buffer -> Snapshot? in
            var reader = CanonicalStateReader(buffer)
            guard reader.literal(#"{"format":"#), reader.quoted(Snapshot.format), reader.literal(#","snapshot":"#),
                let snapshot = Snapshot(canonicalJSON: &reader), reader.literal(#","version":"#), reader.integer() == version,
                reader.literal("}"), reader.isAtEnd, snapshot.violations().isEmpty
            else { return nil }
            return snapshot
        }
    }

    /// The general reader: any bytes, parsed once into a `StateJSON` tree, with the errors `load()` gives and in the same order
    /// as when Foundation decoded the files: first the bytes must be a JSON object, with a
    /// `format` that is a string or absent and a `version` that is an integer or absent
    /// (else `.corrupted`); then a `format` of another kind is `.foreign`, a `version` other
    /// than this build's `.unsupportedVersion` (-1 when absent); then the snapshot must read
    /// (else `.corrupted` naming the path, e.g. `snapshot.history[3].cause: unknown value
    /// "foo"`) and be consistent (else `.corrupted("inconsistent: …")`).
    public func decodeGeneral(_ bytes: [UInt8]) throws(PersistenceError) -> Snapshot {
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
