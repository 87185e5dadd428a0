/// The hard limits of the CSV loader: how much one file may make it read and keep.
///
/// The loader reads a file in chunks of ``readChunkBytes`` and keeps at most one line besides
/// the bars it has parsed, so its memory is bounded by these limits whatever the file holds. A
/// file that breaks a limit gives a ``CSVError`` at once: a regular file larger than
/// ``maxFileBytes`` is refused from its size, before a byte is read.
///
/// With the defaults, the most a load keeps is 2,000,000 bars: 128 MB of ``Bar`` values plus
/// 16 MB of line numbers (and 16 MB of adjusted closes when the file has them).
public struct CSVLimits: Hashable, Sendable {
    /// The largest input accepted, in bytes: 256 MiB by default.
    public var maxFileBytes: Int64
    /// The longest line accepted, in bytes, its line break (`\n` or `\r\n`) not counted: 4 KiB by
    /// default, twenty times a wide OHLCV row.
    public var maxLineBytes: Int
    /// The most data rows accepted (the header and blank lines not counted): 2,000,000 by
    /// default, 3.8 years of one-minute bars.
    public var maxRows: Int

    /// The default ``maxFileBytes``: 256 MiB.
    public static let defaultMaxFileBytes: Int64 = 256 * 1024 * 1024
    /// The default ``maxLineBytes``: 4 KiB.
    public static let defaultMaxLineBytes: Int = 4 * 1024
    /// The default ``maxRows``: 2,000,000.
    public static let defaultMaxRows: Int = 2_000_000
    /// The bytes asked of the system per read when loading a file: 64 KiB.
    public static let readChunkBytes: Int = 64 * 1024

    /// The default limits.
    public static let standard = CSVLimits()

    /// Limits with the given values (each the default unless given).
    ///
    /// - Precondition: every limit is positive.
    public init(
        maxFileBytes: Int64 = CSVLimits.defaultMaxFileBytes, maxLineBytes: Int = CSVLimits.defaultMaxLineBytes,
        maxRows: Int = CSVLimits.defaultMaxRows
    ) {
        precondition(maxFileBytes > 0 && maxLineBytes > 0 && maxRows > 0, "CSVLimits must be positive")
        self.maxFileBytes = maxFileBytes
        self.maxLineBytes = maxLineBytes
        self.maxRows = maxRows
    }
}
