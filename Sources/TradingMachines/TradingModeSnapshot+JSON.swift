import TradingVocabulary

/// The trading-mode snapshot in the JSON shape Swift's synthesized `Codable` gives it: members
/// in sorted key order, enums as their raw values.
extension TradingModeSnapshot {
    public var stateJSON: StateJSON {
        .object([
            StateJSON.Member("history", .array(history.map(\.stateJSON))),
            StateJSON.Member("isHalted", .bool(isHalted)),
            StateJSON.Member("state", .string(state.rawValue)),
        ])
    }

    /// Reads a snapshot; unknown members are ignored, as `Decodable` ignores them. The
    /// snapshot's consistency is checked by the store, not here.
    public init(stateJSON: StateJSON) throws(StateJSONError) {
        let fields = try stateJSON.fields()
        self.init(
            state: try fields.decode("state") { json throws(StateJSONError) in try json.enumCase(TradingModeState.self) },
            isHalted: try fields.decode("isHalted") { json throws(StateJSONError) in try json.bool() },
            history: try fields.decode("history") { json throws(StateJSONError) in try json.array(TradingModeTransition.init(stateJSON:)) })
    }
}

extension TradingModeTransition {
    var stateJSON: StateJSON {
        .object([
            StateJSON.Member("cause", .string(cause.rawValue)),
            StateJSON.Member("from", .string(from.rawValue)),
            StateJSON.Member("to", .string(to.rawValue)),
        ])
    }

    init(stateJSON: StateJSON) throws(StateJSONError) {
        let fields = try stateJSON.fields()
        self.init(
            from: try fields.decode("from") { json throws(StateJSONError) in try json.enumCase(TradingModeState.self) },
            to: try fields.decode("to") { json throws(StateJSONError) in try json.enumCase(TradingModeState.self) },
            cause: try fields.decode("cause") { json throws(StateJSONError) in try json.enumCase(TradingModeCause.self) })
    }
}
