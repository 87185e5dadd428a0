import TradingVocabulary

/// The trading-mode snapshot in the JSON shape Swift's synthesized `Codable` gives it: members
/// in sorted key order, enums as their raw values.
extension TradingModeSnapshot {
    public func writeJSON(into output: inout [UInt8]) {
        output.appendLiteral(#"{"history":"#)
        output.appendArray(history) { $0.writeJSON(into: &$1) }
        if historyDropped != 0 {
            output.appendLiteral(#","historyDropped":"#)
            output.append(contentsOf: String(historyDropped).utf8)
        }
        output.appendLiteral(#","isHalted":"#)
        output.appendLiteral(isHalted ? "true" : "false")
        output.appendLiteral(#","state":"#)
        output.append(contentsOf: TradingModeState.jsonCases.quoted(state))
        output.appendLiteral("}")
    }

    public init?(canonicalJSON reader: inout CanonicalStateReader) {
        guard reader.literal(#"{"history":"#), let history = reader.array(TradingModeTransition.init(canonicalJSON:)) else { return nil }
        var historyDropped = 0
        if reader.literal(#","historyDropped":"#) {
            guard let dropped = reader.integer() else { return nil }
            historyDropped = dropped
        }
        guard reader.literal(#","isHalted":"#), let isHalted = reader.bool(),
            reader.literal(#","state":"#), let state = reader.enumCase(TradingModeState.jsonCases), reader.literal("}")
        else { return nil }
        self.init(state: state, isHalted: isHalted, history: history, historyDropped: historyDropped)
    }

    /// Reads a snapshot; unknown members are ignored, as `Decodable` ignores them. The
    /// snapshot's consistency is checked by the store, not here.
    public init(stateJSON: StateJSON) throws(StateJSONError) {
        let fields = try stateJSON.fields()
        self.init(
            state: try fields.decode("state") { json throws(StateJSONError) in try json.enumCase(TradingModeState.self) },
            isHalted: try fields.decode("isHalted") { json throws(StateJSONError) in try json.bool() },
            history: try fields.decode("history") { json throws(StateJSONError) in try json.array(TradingModeTransition.init(stateJSON:)) },
            historyDropped: try fields.decodeIfPresent("historyDropped") { json throws(StateJSONError) in try json.integer() } ?? 0)
    }
}

extension TradingModeTransition {
    func writeJSON(into output: inout [UInt8]) {
        output.append(contentsOf: Self.entryBytes.bytes(cause: cause, from: from, to: to))
    }

    /// Each entry's bytes, written once.
    static let entryBytes = HistoryEntryBytes(causes: TradingModeCause.allCases, states: TradingModeState.allCases) {
        cause, from, to, output in
        output.appendTransition(
            cause: { $0.append(contentsOf: TradingModeCause.jsonCases.quoted(cause)) }, from: from, to: to, states: TradingModeState.jsonCases)
    }

    init?(canonicalJSON reader: inout CanonicalStateReader) {
        let cause = { (reader: inout CanonicalStateReader) in reader.enumCase(TradingModeCause.jsonCases) }
        guard let entry = reader.transition(cause: cause, states: TradingModeState.jsonCases) else { return nil }
        self.init(from: entry.from, to: entry.to, cause: entry.cause)
    }

    init(stateJSON: StateJSON) throws(StateJSONError) {
        let fields = try stateJSON.fields()
        self.init(
            from: try fields.decode("from") { json throws(StateJSONError) in try json.enumCase(TradingModeState.self) },
            to: try fields.decode("to") { json throws(StateJSONError) in try json.enumCase(TradingModeState.self) },
            cause: try fields.decode("cause") { json throws(StateJSONError) in try json.enumCase(TradingModeCause.self) })
    }
}

extension TradingModeState {
    static let jsonCases = JSONCaseTable(allCases, rawValue: \.rawValue)
}

extension TradingModeCause {
    static let jsonCases = JSONCaseTable(allCases, rawValue: \.rawValue)
}
