/// Why a string is not a valid `Symbol`.
public enum SymbolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The string is empty.
    case empty
    /// The string has more than `Symbol.maxLength` UTF-8 bytes (the payload is its length).
    case tooLong(Int)
    /// The string has a character outside `A`–`Z`, `0`–`9`, `-`, `/`, `.`, `_` at this UTF-8 offset.
    case invalidCharacter(String, offset: Int)

    public var description: String {
        switch self {
        case .empty:
            return "Symbol: empty symbol"
        case .tooLong(let length):
            return "Symbol: \(length) bytes, more than \(Symbol.maxLength)"
        case .invalidCharacter(let text, let offset):
            return "Symbol \"\(text)\": invalid character at offset \(offset) (allowed: A-Z 0-9 - / . _)"
        }
    }
}
