import Testing
import TradingMachines

/// The parser is strict JSON (RFC 8259), never traps, and reads everything JSON allows.
@Suite struct StateJSONTests {
    func parse(_ text: String) -> Result<StateJSON, StateJSONError> {
        parse(Array(text.utf8))
    }

    func parse(_ bytes: [UInt8]) -> Result<StateJSON, StateJSONError> {
        do throws(StateJSONError) {
            return .success(try StateJSON(parsing: bytes))
        } catch {
            return .failure(error)
        }
    }

    func problem(_ text: String) -> String? {
        guard case .failure(let error) = parse(text) else { return nil }
        return error.problem
    }

    static func number(_ text: String) -> StateJSON { JSONMutations.number(text) }

    @Test(arguments: [
        // Trailing garbage, and bytes that are not JSON.
        (#"{"a":1}x"#, "unexpected character 'x' at offset 7 (after the value)"),
        ("{\"a\":1}\u{0}", "unexpected byte 0x0 at offset 7 (after the value)"),
        (#"{"a":1}{}"#, "unexpected character '{' at offset 7 (after the value)"),
        ("", "empty input"),
        ("garbage", "unexpected character 'g' at offset 0 (expected a value)"),
        // Unterminated and badly escaped strings.
        (#"{"a":"x"#, "unterminated string starting at offset 5"),
        (#"{"a":"x\"#, "unterminated string: input ends in an escape at offset 7"),
        (#"{"a":"\x"}"#, "unexpected character 'x' at offset 7 (invalid escape)"),
        (#"{"a":"\'"}"#, "unexpected character ''' at offset 7 (invalid escape)"),
        (#"{"a":"\u12"}"#, "invalid \\u escape at offset 6"),
        (#"{"a":"\u12"#, "incomplete \\u escape at offset 6"),
        (#"{"a":"\uZZZZ"}"#, "invalid \\u escape at offset 6"),
        (#"{"a":"\ud800"}"#, "unpaired surrogate \\ud800 at offset 6"),
        (#"{"a":"\udc00"}"#, "unpaired surrogate \\udc00 at offset 6"),
        (#"{"a":"\ud83d\u0041"}"#, "unpaired surrogate \\ud83d at offset 6"),
        (#"{"a":"\ud83d"}"#, "unpaired surrogate \\ud83d at offset 6"),
        ("{\"a\":\"\t\"}", "unexpected byte 0x9 at offset 6 (a control character must be escaped in a string)"),
        // Numbers.
        (#"{"a":01}"#, "unexpected character '1' at offset 6 (expected ',' or '}' in an object)"),
        (#"{"a":+1}"#, "unexpected character '+' at offset 5 (expected a value)"),
        (#"{"a":.5}"#, "unexpected character '.' at offset 5 (expected a value)"),
        (#"{"a":1.}"#, "invalid number at offset 5"),
        (#"{"a":1e}"#, "invalid number at offset 5"),
        (#"{"a":-}"#, "invalid number at offset 5"),
        (#"{"a":NaN}"#, "unexpected character 'N' at offset 5 (expected a value)"),
        // Structure.
        (#"{"a":1,}"#, "unexpected character '}' at offset 7 (expected a key in an object)"),
        (#"[1,]"#, "unexpected character ']' at offset 3 (expected a value)"),
        (#"{"a" 1}"#, "unexpected character '1' at offset 5 (expected ':' after a key)"),
        (#"{a:1}"#, "unexpected character 'a' at offset 1 (expected a key in an object)"),
        (#"[1 2]"#, "unexpected character '2' at offset 3 (expected ',' or ']' in an array)"),
        (#"{"a":tru}"#, "invalid literal at offset 5 (expected true)"),
        (#"{"a":nul"#, "invalid literal at offset 5 (expected null)"),
        ("{\u{0C}\"a\":1}", "unexpected byte 0xC at offset 1 (expected a key in an object)"),
        (#"{"a":[1"#, "unexpected end of input at offset 7 (in an array)"),
        (#"{"#, "unexpected end of input at offset 1 (expected a key in an object)"),
        ("/* */{}", "unexpected character '/' at offset 0 (expected a value)"),
    ])
    func rejectsWhatIsNotJSON(input: String, expected: String) {
        #expect(problem(input) == expected)
    }

    @Test func rejectsInvalidUTF8InStrings() throws {
        for bad: [UInt8] in [
            [0xFF], [0xC3], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80],
        ] {
            let bytes = Array(#"{"a":"x"#.utf8) + bad + Array(#""}"#.utf8)
            guard case .failure(let error) = parse(bytes) else {
                Issue.record("accepted \(bad)")
                continue
            }
            #expect(error.problem == "invalid UTF-8 in the string starting at offset 5")
        }
        // …also in an escaped string, and in a key.
        #expect(parse(Array(#"{"a":"\n"#.utf8) + [0xFF] + Array(#""}"#.utf8)).isFailure)
        #expect(parse(Array(#"{""#.utf8) + [0xFF] + Array(#"":1}"#.utf8)).isFailure)
        // Valid multi-byte sequences of every length are kept.
        #expect(try StateJSON(parsing: Array("[\"é€😀\u{10FFFF}\"]".utf8)) == .array([.string("é€😀\u{10FFFF}")]))
    }

    @Test func readsEverythingJSONAllows() throws {
        #expect(
            try StateJSON(parsing: Array(" \t\r\n{ \"a\" : [ 1 , -0.5e+3 , 2E-2 , true , false , null , { } , [ ] ] } \n".utf8))
                == .object([
                    StateJSON.Member(
                        "a", .array([Self.number("1"), Self.number("-0.5e+3"), Self.number("2E-2"), .bool(true), .bool(false), .null, .object([]), .array([])]))
                ]))
        #expect(
            try StateJSON(parsing: Array(#"["\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00\u0000"]"#.utf8))
                == .array([.string("\"\\/\u{8}\u{C}\n\r\tAé€😀\u{0}")]))
        // Keys with escapes are the same keys; duplicates are kept for the reader to judge.
        #expect(
            try StateJSON(parsing: Array(#"{"\u0061":1,"a":2}"#.utf8))
                == .object([StateJSON.Member("a", Self.number("1")), StateJSON.Member("a", Self.number("2"))]))
        // A byte order mark, as Foundation allows.
        #expect(try StateJSON(parsing: [0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == .array([]))
        // Scalars, as documents of their own.
        #expect(try StateJSON(parsing: Array("-12".utf8)) == Self.number("-12"))
        #expect(try StateJSON(parsing: Array("\"\"".utf8)) == .string(""))
    }

    @Test func nestingIsLimited() {
        let deepest = String(repeating: "[", count: StateJSON.maximumDepth) + String(repeating: "]", count: StateJSON.maximumDepth)
        #expect(!parse(deepest).isFailure)
        let tooDeep = "[" + deepest + "]"
        #expect(problem(tooDeep) == "nested deeper than 64 at offset 64")
        #expect(problem(String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65))?.hasPrefix("nested deeper than 64") == true)
        // Hostile depth costs nothing and never reaches the stack's end.
        #expect(problem(String(repeating: "[", count: 1_000_000))?.hasPrefix("nested deeper than 64") == true)
    }

    @Test func exactIntegers() {
        let cases: [(String, Int?)] = [
            ("0", 0), ("-0", 0), ("1", 1), ("-1", -1), ("1.0", 1), ("1e0", 1), ("1E+2", 100), ("100e-2", 1), ("0.0e999999999999", 0),
            ("10.50e1", 105), ("1.5", nil), ("15e-1", nil), ("0.1", nil), ("1e-400", nil), ("1e400", nil), ("1e18", 1_000_000_000_000_000_000),
            ("1e19", nil), ("9223372036854775807", Int.max), ("9223372036854775808", nil), ("-9223372036854775808", Int.min),
            ("-9223372036854775809", nil), ("922337203685477580.7e1", Int.max), ("0.00000000000000000000000000001e29", 1),
            ("123456789012345678901234567890e-10", nil), ("12345678900000000000e-10", 1_234_567_890),
        ]
        for (text, expected) in cases {
            #expect(StateJSON.Number(text)?.exactInteger == expected, "\(text)")
        }
        for text in ["", "-", "01", "1.", ".1", "+1", "1e", "1e+", "0x10", " 1", "1 ", "NaN", "Infinity"] { #expect(StateJSON.Number(text) == nil, "\(text)") }
        #expect(StateJSON.Number(Int.min).text == "-9223372036854775808")
    }

    @Test func theWriterSortsKeysAndEscapes() {
        let json = StateJSON.object([StateJSON.Member("b", .null), StateJSON.Member("a/\u{1}", .array([.bool(true), .string("\"\\\n")]))])
        #expect(String(decoding: json.encoded, as: UTF8.self) == #"{"a\/\u0001":[true,"\"\\\n"],"b":null}"#)
    }

    /// Whatever the bytes, a result: a value, or an error. (Fuzzed at length by fuzz-state-file.)
    @Test func randomBytesNeverTrap() {
        var random = SeededGenerator(seed: 7)
        let alphabet = Array(#"{}[]",:\u0123456789-+.eEtruefalsnl "#.utf8) + [0x00, 0x0A, 0xC3, 0xA9, 0xFF, 0xED, 0xA0]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? 0 }
            if case .success(let value) = parse(bytes) {
                // What parses, written and parsed again, is the same value.
                #expect(parse(value.encoded) == .success(value), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
