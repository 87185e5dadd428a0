/// A column of an OHLCV file that the loader reads.
///
/// Header names are matched without regard to case, spaces, underscores, hyphens and dots, so
/// `Adj Close`, `adj_close`, `AdjClose` and `Adj. Close` all name ``adjustedClose``.
public enum CSVColumn: String, CaseIterable, Hashable, Sendable {
    /// The bar's time: `Date`, `Time`, `Timestamp` or `Datetime`.
    case time
    /// The time of day, when a file has both a `Date` and a `Time` column (`2024.01.02,09:30`):
    /// the two are read together as one date and time.
    case timeOfDay
    /// `Open`.
    case open
    /// `High`.
    case high
    /// `Low`.
    case low
    /// `Close` (also `Close/Last`, as Nasdaq's downloads name it).
    case close
    /// `Adj Close`: the close adjusted for splits and dividends; optional.
    case adjustedClose
    /// `Volume` (also `Vol`).
    case volume

    /// The name used in messages and for files without a header.
    public var standardName: String {
        switch self {
        case .time: "Date"
        case .timeOfDay: "Time"
        case .open: "Open"
        case .high: "High"
        case .low: "Low"
        case .close: "Close"
        case .adjustedClose: "Adj Close"
        case .volume: "Volume"
        }
    }

    /// The columns a file must have (``adjustedClose`` is optional, ``timeOfDay`` comes with a
    /// `Date` column).
    public static let required: [CSVColumn] = [.time, .open, .high, .low, .close, .volume]

    /// A header name, recognized: the column and whether the name was literally `date` or `time`
    /// (a file may have those two, read together).
    static func recognize(_ name: ArraySlice<UInt8>) -> (column: CSVColumn, dateOrTime: String?)? {
        var key: [UInt8] = []
        for byte in name where !CSVColumn.ignoredInNames.contains(byte) {
            key.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            if key.count > 16 { return nil }
        }
        switch String(decoding: key, as: UTF8.self) {
        case "date": return (.time, "date")
        case "time": return (.time, "time")
        case "timestamp", "datetime": return (.time, nil)
        case "open": return (.open, nil)
        case "high": return (.high, nil)
        case "low": return (.low, nil)
        case "close", "close/last": return (.close, nil)
        case "adjclose": return (.adjustedClose, nil)
        case "volume", "vol": return (.volume, nil)
        default: return nil
        }
    }

    /// Bytes skipped when header names are compared: space, tab, `_`, `-`, `.`.
    private static let ignoredInNames: Set<UInt8> = [0x20, 0x09, 0x5F, 0x2D, 0x2E]
}
