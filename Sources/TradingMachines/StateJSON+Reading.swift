/// Typed reading of `StateJSON`, with the errors Swift's synthesized `Decodable` would give,
/// in words: a field that is missing or `null` where a value is required, a value of the wrong
/// type, an enum value that is not a case. Each error names its path (see `StateJSONError`).
extension StateJSON {
    /// The members of an object, read by key.
    struct Fields {
        let members: [Member]

        /// The value of `key`, or `nil` if the object has no such member.
        ///
        /// A key given twice is an error: Foundation silently took the first, but a state file
        /// with two values for one field was not written by a store, and guessing which one
        /// was meant could restore the wrong state.
        func value(_ key: String) throws(StateJSONError) -> StateJSON? {
            var found: Int?
            for position in members.indices where members[position].key == key {
                guard found == nil else { throw StateJSONError(path: [key], "given twice") }
                found = position
            }
            return found.map { members[$0].value }
        }

        /// The member `key` read by `read`; errors are placed under `key`.
        func decode<T>(_ key: String, _ read: (StateJSON) throws(StateJSONError) -> T) throws(StateJSONError) -> T {
            guard let value = try value(key) else { throw StateJSONError(path: [key], "missing") }
            do {
                return try read(value)
            } catch {
                throw error.within(key)
            }
        }

        /// Like `decode`, but a missing member or `null` is `nil` (Swift's `decodeIfPresent`).
        func decodeIfPresent<T>(_ key: String, _ read: (StateJSON) throws(StateJSONError) -> T) throws(StateJSONError) -> T? {
            guard let value = try value(key) else { return nil }
            if case .null = value { return nil }
            do {
                return try read(value)
            } catch {
                throw error.within(key)
            }
        }
    }

    func mismatch(_ expected: String) -> StateJSONError { StateJSONError("expected \(expected), found \(kindName)") }

    func fields() throws(StateJSONError) -> Fields {
        guard case .object(let members) = self else { throw mismatch("an object") }
        return Fields(members: members)
    }

    func string() throws(StateJSONError) -> String {
        guard case .string(let text) = self else { throw mismatch("a string") }
        return text
    }

    func bool() throws(StateJSONError) -> Bool {
        guard case .bool(let value) = self else { throw mismatch("a boolean") }
        return value
    }

    /// An integer: any number literal whose exact value is an integer that fits `Int`.
    func integer() throws(StateJSONError) -> Int {
        guard case .number(let number) = self else { throw mismatch("an integer") }
        guard let value = number.exactInteger else {
            let shown = number.text.utf8.count > 40 ? number.text.prefix(40) + "…" : number.text  // ASCII
            throw StateJSONError("expected an integer that fits Int, found \(shown)")
        }
        return value
    }

    /// The elements of an array, each read by `read`; errors are placed under `[index]`.
    func array<T>(_ read: (StateJSON) throws(StateJSONError) -> T) throws(StateJSONError) -> [T] {
        guard case .array(let elements) = self else { throw mismatch("an array") }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            do {
                result.append(try read(element))
            } catch {
                throw error.within("[\(position)]")
            }
        }
        return result
    }

    /// A string-backed enum case, by its raw value.
    func enumCase<Case: RawRepresentable>(_: Case.Type) throws(StateJSONError) -> Case where Case.RawValue == String {
        let text = try string()
        guard let value = Case(rawValue: text) else { throw StateJSONError("unknown value \(Self.quoted(text))") }
        return value
    }

    /// Text from the file for an error message: quoted, escaped, and cut at 40 scalars (not
    /// characters: one character can hold any number of combining scalars).
    static func quoted(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > 40 else { return text.debugDescription }
        return String(String.UnicodeScalarView(scalars.prefix(40))).debugDescription + "…"
    }
}
