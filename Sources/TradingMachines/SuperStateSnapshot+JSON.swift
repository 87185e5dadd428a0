import TradingVocabulary

/// The super-state snapshot in the JSON shape Swift's synthesized `Codable` gives it (the shape
/// of every state file written so far): members in sorted key order, `lastClassification`
/// left out when `nil`, and the cause as an enum with an associated value:
/// `{"update":{"_0":"crisis"}}`, `{"halt":{}}`, `{"resume":{}}`.
extension SuperStateSnapshot {
    public func writeJSON(into output: inout [UInt8]) {
        output.appendLiteral(#"{"confirmations":"#)
        output.append(contentsOf: String(confirmations).utf8)
        output.appendLiteral(#","history":"#)
        output.appendArray(history) { $0.writeJSON(into: &$1) }
        if historyDropped != 0 {
            output.appendLiteral(#","historyDropped":"#)
            output.append(contentsOf: String(historyDropped).utf8)
        }
        if let lastClassification {
            output.appendLiteral(#","lastClassification":"#)
            output.append(contentsOf: PortfolioState.jsonCases.quoted(lastClassification))
        }
        output.appendLiteral(#","state":"#)
        output.append(contentsOf: PortfolioState.jsonCases.quoted(state))
        output.appendLiteral("}")
    }

    public init?(canonicalJSON reader: inout CanonicalStateReader) {
        guard reader.literal(#"{"confirmations":"#), let confirmations = reader.integer(),
            reader.literal(#","history":"#), let history = reader.array(SuperStateTransition.init(canonicalJSON:))
        else { return nil }
        var historyDropped = 0
        if reader.literal(#","historyDropped":"#) {
            guard let dropped = reader.integer() else { return nil }
            historyDropped = dropped
        }
        var lastClassification: PortfolioState?
        if reader.literal(#","lastClassification":"#) {
            guard let classification = reader.enumCase(PortfolioState.jsonCases) else { return nil }
            lastClassification = classification
        }
        guard reader.literal(#","state":"#), let state = reader.enumCase(PortfolioState.jsonCases), reader.literal("}") else { return nil }
        self.init(
            state: state, confirmations: confirmations, lastClassification: lastClassification, history: history, historyDropped: historyDropped)
    }

    /// Reads a snapshot; unknown members are ignored, as `Decodable` ignores them. The
    /// snapshot's consistency is checked by the store, not here.
    public init(stateJSON: StateJSON) throws(StateJSONError) {
        let fields = try stateJSON.fields()
        self.init(
            state: try fields.decode("state") { json throws(StateJSONError) in try json.enumCase(PortfolioState.self) },
            confirmations: try fields.decode("confirmations") { json throws(StateJSONError) in try json.integer() },
            lastClassification: try fields.decodeIfPresent("lastClassification") { json throws(StateJSONError) in try json.enumCase(PortfolioState.self) },
            history: try fields.decode("history") { json throws(StateJSONError) in try json.array(SuperStateTransition.init(stateJSON:)) },
            historyDropped: try fields.decodeIfPresent("historyDropped") { json throws(StateJSONError) in try json.integer() } ?? 0)
    }
}

extension SuperStateTransition {
    func writeJSON(into output: inout [UInt8]) {
        output.append(contentsOf: Self.entryBytes.bytes(cause: cause, from: from, to: to))
    }

    /// Each entry's bytes, written once.
    static let entryBytes = HistoryEntryBytes(
        causes: PortfolioState.allCases.map(SuperStateCause.update) + [.halt, .resume], states: PortfolioState.allCases
    ) { cause, from, to, output in
        output.appendTransition(cause: cause.writeJSON(into:), from: from, to: to, states: PortfolioState.jsonCases)
    }

    init?(canonicalJSON reader: inout CanonicalStateReader) {
        guard let entry = reader.transition(cause: SuperStateCause.init(canonicalJSON:), states: PortfolioState.jsonCases) else { return nil }
        self.init(from: entry.from, to: entry.to, cause: entry.cause)
    }

    init(stateJSON: StateJSON) throws(StateJSONError) {
        let fields = try stateJSON.fields()
        self.init(
            from: try fields.decode("from") { json throws(StateJSONError) in try json.enumCase(PortfolioState.self) },
            to: try fields.decode("to") { json throws(StateJSONError) in try json.enumCase(PortfolioState.self) },
            cause: try fields.decode("cause", SuperStateCause.init(stateJSON:)))
    }
}

extension SuperStateCause {
    func writeJSON(into output: inout [UInt8]) {
        switch self {
        case .update(let classification):
            output.appendLiteral(#"{"update":{"_0":"#)
            output.append(contentsOf: PortfolioState.jsonCases.quoted(classification))
            output.appendLiteral("}}")
        case .halt: output.appendLiteral(#"{"halt":{}}"#)
        case .resume: output.appendLiteral(#"{"resume":{}}"#)
        }
    }

    init?(canonicalJSON reader: inout CanonicalStateReader) {
        if reader.literal(#"{"halt":{}}"#) {
            self = .halt
        } else if reader.literal(#"{"resume":{}}"#) {
            self = .resume
        } else if reader.literal(#"{"update":{"_0":"#), let classification = reader.enumCase(PortfolioState.jsonCases), reader.literal("}}") {
            self = .update(classification)
        } else {
            return nil
        }
    }

    /// Exactly one member named after a case, holding an object of the associated values
    /// (`_0`). As in `Decodable`, members that name no case are ignored, here and inside the
    /// object of associated values.
    init(stateJSON: StateJSON) throws(StateJSONError) {
        let fields = try stateJSON.fields()
        guard let position = fields.members.firstIndex(where: { Self.isCaseName($0.key) }),
            !fields.members[(position + 1)...].contains(where: { Self.isCaseName($0.key) })
        else {
            let names = fields.members.map(\.key).filter(Self.isCaseName)
            if let repeated = names.first(where: { name in names.count { $0 == name } > 1 }) { throw StateJSONError(path: [repeated], "given twice") }
            if names.isEmpty, fields.members.count == 1, let only = fields.members.first {
                throw StateJSONError("unknown value \(StateJSON.quoted(only.key))")
            }
            throw StateJSONError(
                "expected exactly one of \"update\", \"halt\", \"resume\", found \(names.isEmpty ? "none" : names.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        let member = fields.members[position]
        switch member.key {
        case "update":
            self = .update(
                try Self.payload(of: member) { fields throws(StateJSONError) in
                    try fields.decode("_0") { json throws(StateJSONError) in try json.enumCase(PortfolioState.self) }
                })
        case "halt":
            try Self.payload(of: member) { _ throws(StateJSONError) in }
            self = .halt
        case "resume":
            try Self.payload(of: member) { _ throws(StateJSONError) in }
            self = .resume
        default:
            throw StateJSONError("unknown value \(StateJSON.quoted(member.key))")  // not reached: filtered above
        }
    }

    static func isCaseName(_ key: String) -> Bool { key == "update" || key == "halt" || key == "resume" }

    /// The case's object of associated values, read by `read`; errors are placed under the case.
    private static func payload<T>(of member: StateJSON.Member, _ read: (StateJSON.Fields) throws(StateJSONError) -> T) throws(StateJSONError) -> T {
        do {
            return try read(try member.value.fields())
        } catch {
            throw error.within(member.key)
        }
    }
}

extension PortfolioState {
    static let jsonCases = JSONCaseTable(allCases, rawValue: \.rawValue)
}
