/// The fields of one CSV line, split with quoting rules; its storage is reused from line to line.
///
/// A field may be quoted (`"1,5"`, with `""` for a quote inside); blanks (spaces and tabs)
/// around a field are dropped, inside quotes kept. A quoted field ends on its line: fields
/// cannot span lines, which OHLCV data never needs, so that an unbalanced quote is reported at
/// its own line instead of swallowing the rest of the file.
struct CSVFields {
    /// The fields' bytes, unquoted, one after another.
    private var storage: [UInt8] = []
    /// Each field's range in `storage`.
    private var ranges: [Range<Int>] = []

    /// The number of fields of the last line split.
    var count: Int { ranges.count }

    /// The bytes of field `index` (0-based).
    subscript(index: Int) -> ArraySlice<UInt8> { storage[ranges[index]] }

    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")

    /// Whether `byte` is a blank: a space or a tab.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The delimiter of a file, from its first line: `;` when the line has one outside quotes,
    /// otherwise `,`. (A file delimited by `;` may write decimal commas, so its first line can
    /// hold commas too; a comma-delimited file never has a bare `;`.)
    static func delimiter(of line: ArraySlice<UInt8>) -> UInt8 {
        var quoted = false
        for byte in line {
            if byte == quote { quoted.toggle() } else if byte == semicolon && !quoted { return semicolon }
        }
        return comma
    }

    /// Splits `line` at `delimiter` into the fields.
    ///
    /// - Returns: `nil`, or the quoting error and the 1-based field number where it is.
    mutating func split(_ line: ArraySlice<UInt8>, delimiter: UInt8) -> (kind: CSVError.Kind, column: Int)? {
        storage.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        var i = line.startIndex
        let end = line.endIndex
        while true {
            let column = ranges.count + 1
            while i < end && Self.isBlank(line[i]) { i += 1 }
            let start = storage.count
            if i < end && line[i] == Self.quote {
                i += 1
                var closed = false
                while i < end {
                    let byte = line[i]
                    i += 1
                    if byte == Self.quote {
                        guard i < end && line[i] == Self.quote else {
                            closed = true
                            break
                        }
                        i += 1
                    }
                    storage.append(byte)
                }
                guard closed else { return (.unterminatedQuote, column) }
                while i < end && Self.isBlank(line[i]) { i += 1 }
                guard i == end || line[i] == delimiter else { return (.textAfterClosingQuote, column) }
                ranges.append(start..<storage.count)
            } else {
                let fieldStart = i
                while i < end && line[i] != delimiter { i += 1 }
                var fieldEnd = i
                while fieldEnd > fieldStart && Self.isBlank(line[fieldEnd - 1]) { fieldEnd -= 1 }
                storage.append(contentsOf: line[fieldStart..<fieldEnd])
                ranges.append(start..<storage.count)
            }
            guard i < end else { return nil }
            i += 1  // the delimiter: another field follows, perhaps empty
        }
    }
}
