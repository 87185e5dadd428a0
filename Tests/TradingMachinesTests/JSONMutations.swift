import TradingMachines

/// Rewrites of a state file's JSON that keep it valid JSON but change what it says, and a
/// serializer that writes the same JSON in other legal ways (any key order, whitespace,
/// escapes): the inputs on which the old and the new decoder must agree.
enum JSONMutations {
    static func number(_ text: String) -> StateJSON {
        guard let number = StateJSON.Number(text) else { preconditionFailure("not a JSON number: \(text)") }
        return .number(number)
    }

    /// Values to put anywhere: of every type, and the near misses of the real ones.
    static let replacements: [StateJSON] = [
        .null, .bool(true), .bool(false),
        number("0"), number("1"), number("2"), number("-1"), number("1.0"), number("1e0"), number("1E+0"), number("100e-2"), number("-0"),
        number("1.5"), number("0.1"), number("9223372036854775807"), number("9223372036854775808"), number("-9223372036854775809"), number("1e400"),
        .string(""), .string("x"), .string("normal"), .string("cautious"), .string("crisis"), .string("recovery"), .string("emergencyHalt"),
        .string("Normal"), .string("off"), .string("dryRun"), .string("liveActive"), .string("goLive"), .string("restart"), .string("halt"),
        .string("stresscheck.super-state"), .string("stresscheck.trading-mode"),
        .array([]), .array([.null]), .object([]),
        .object([StateJSON.Member("halt", .object([]))]), .object([StateJSON.Member("resume", .object([StateJSON.Member("x", number("1"))]))]),
        .object([StateJSON.Member("update", .object([StateJSON.Member("_0", .string("crisis"))]))]),
        .object([StateJSON.Member("update", .object([]))]), .object([StateJSON.Member("update", .object([StateJSON.Member("_0", .string("panic"))]))]),
        .object([StateJSON.Member("foo", .object([]))]), .object([StateJSON.Member("halt", .array([]))]), .object([StateJSON.Member("halt", .null)]),
        .object([StateJSON.Member("halt", .object([])), StateJSON.Member("resume", .object([]))]),
        .object([
            StateJSON.Member("from", .string("normal")), StateJSON.Member("to", .string("cautious")),
            StateJSON.Member("cause", .object([StateJSON.Member("update", .object([StateJSON.Member("_0", .string("cautious"))]))])),
        ]),
        .object([StateJSON.Member("from", .string("off")), StateJSON.Member("to", .string("dryRun")), StateJSON.Member("cause", .string("enableDryRun"))]),
    ]

    /// How many values (of any depth) `json` holds, itself included.
    static func count(_ json: StateJSON) -> Int {
        switch json {
        case .array(let elements): 1 + elements.reduce(0) { $0 + count($1) }
        case .object(let members): 1 + members.reduce(0) { $0 + count($1.value) }
        default: 1
        }
    }

    /// One random change at a random place: replace a value, delete a member or element, add an
    /// unknown member, or duplicate an array element.
    static func mutate(_ json: StateJSON, random: inout SeededGenerator) -> StateJSON {
        var target = Int.random(in: 0..<count(json), using: &random)
        return mutate(json, target: &target, random: &random)
    }

    private static func mutate(_ json: StateJSON, target: inout Int, random: inout SeededGenerator) -> StateJSON {
        if target == 0 {
            target = -1
            switch (json, Int.random(in: 0..<4, using: &random)) {
            case (.object(var members), 0) where !members.isEmpty:
                members.remove(at: Int.random(in: members.indices, using: &random))
                return .object(members)
            case (.object(var members), 1) where !members.contains { $0.key == "extra" }:
                members.insert(
                    StateJSON.Member("extra", replacements.randomElement(using: &random) ?? .null), at: Int.random(in: 0...members.count, using: &random))
                return .object(members)
            case (.array(var elements), 0) where !elements.isEmpty:
                elements.remove(at: Int.random(in: elements.indices, using: &random))
                return .array(elements)
            case (.array(var elements), 1) where !elements.isEmpty:
                elements.insert(elements[Int.random(in: elements.indices, using: &random)], at: Int.random(in: 0...elements.count, using: &random))
                return .array(elements)
            default:
                return replacements.randomElement(using: &random) ?? .null
            }
        }
        target -= 1
        switch json {
        case .array(let elements):
            return .array(elements.map { target >= 0 ? mutate($0, target: &target, random: &random) : $0 })
        case .object(let members):
            return .object(members.map { target >= 0 ? StateJSON.Member($0.key, mutate($0.value, target: &target, random: &random)) : $0 })
        default:
            return json
        }
    }

    /// `json` written in some legal way: keys in any order, any whitespace between tokens,
    /// characters of strings and keys escaped at random (`\u0063`, `\/`, surrogate pairs).
    static func write(_ json: StateJSON, random: inout SeededGenerator) -> [UInt8] {
        var output = ""
        write(json, into: &output, random: &random)
        return Array(output.utf8)
    }

    private static func space(_ random: inout SeededGenerator) -> String {
        Int.random(in: 0..<4, using: &random) == 0 ? [" ", "\n", "\t", "\r\n", "  "].randomElement(using: &random) ?? "" : ""
    }

    private static func writeString(_ text: String, into output: inout String, random: inout SeededGenerator) {
        output += "\""
        for scalar in text.unicodeScalars {
            let escape = Int.random(in: 0..<8, using: &random) == 0
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "/" where escape: output += "\\/"
            case _ where scalar.value < 0x20 || escape:
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16, uppercase: Bool.random(using: &random))
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    private static func write(_ json: StateJSON, into output: inout String, random: inout SeededGenerator) {
        output += space(&random)
        switch json {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let number): output += number.text
        case .string(let text): writeString(text, into: &output, random: &random)
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                write(element, into: &output, random: &random)
            }
            output += space(&random) + "]"
        case .object(let members):
            output += "{"
            for (position, member) in members.shuffled(using: &random).enumerated() {
                if position > 0 { output += "," }
                output += space(&random)
                writeString(member.key, into: &output, random: &random)
                output += space(&random) + ":"
                write(member.value, into: &output, random: &random)
            }
            output += space(&random) + "}"
        }
        output += space(&random)
    }
}
