import TradingVocabulary

/// The super-state snapshot in the JSON shape Swift's synthesized `Codable` gives it (the shape
/// of every state file written so far): members in sorted key order, `lastClassification`
/// left out when `nil`, and the cause as an enum with an associated value:
/// `{"update":{"_0":"crisis"}}`, `{"halt":{}}`, `{"resume":{}}`.
extension SuperStateSnapshot {
    public var stateJSON: StateJSON {
        var members: [StateJSON.Member] = []
        members.reserveCapacity(4)
        members.append(StateJSON.Member("confirmations", .number(StateJSON.Number(confirmations))))
        members.append(StateJSON.Member("history", .array(history.map(\.stateJSON))))
        if let lastClassification { members.append(StateJSON.Member("lastClassification", .string(lastClassification.rawValue))) }
        members.append(StateJSON.Member("state", .string(state.rawValue)))
        return .object(members)
    }

    /// Reads a snapshot; unknown members are ignored, as `Decodable` ignores them. The
    /// snapshot's consistency is checked by the store, not here.
    public init(stateJSON: StateJSON) throws(StateJSONError) {
        let fields = try stateJSON.fields()
        self.init(
            state: try fields.decode("state") { json throws(StateJSONError) in try json.enumCase(PortfolioState.self) },
            confirmations: try fields.decode("confirmations") { json throws(StateJSONError) in try json.integer() },
            lastClassification: try fields.decodeIfPresent("lastClassification") { json throws(StateJSONError) in try json.enumCase(PortfolioState.self) },
            history: try fields.decode("history") { json throws(StateJSONError) in try json.array(SuperStateTransition.init(stateJSON:)) })
    }
}

extension SuperStateTransition {
    var stateJSON: StateJSON {
        .object([
            StateJSON.Member("cause", cause.stateJSON),
            StateJSON.Member("from", .string(from.rawValue)),
            StateJSON.Member("to", .string(to.rawValue)),
        ])
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
    var stateJSON: StateJSON {
        switch self {
        case .update(let classification):
            .object([StateJSON.Member("update", .object([StateJSON.Member("_0", .string(classification.rawValue))]))])
        case .halt: .object([StateJSON.Member("halt", .object([]))])
        case .resume: .object([StateJSON.Member("resume", .object([]))])
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
