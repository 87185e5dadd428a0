import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The journal's on-disk format, version 1 (`docs/certification.md`, "Portfolio integrity: the
/// journal"). Every integer is little-endian.
///
/// File header, 16 bytes:
///
///     0  magic "SCJRNL\r\n"   8 bytes (the CR LF catches a text-mode copy)
///     8  version             UInt16 = 1
///    10  flags               UInt16: 0, or `compactedFlag` (1) for a compacted journal
///    12  CRC-32C of bytes 0..<12
///
/// Then records, back to back, each `recordHeaderSize + length + trailerSize` bytes:
///
///     0  length              UInt32: payload bytes, at most `maxPayloadLength`
///     4  sequence            UInt64: 1 for the first record, then +1 each
///    12  type                UInt16: a `JournalRecordType`
///    14  reserved            UInt16 = 0
///    16  header CRC-32C      of bytes 0..<16 (so a damaged length is caught before it is used)
///    20  payload             `length` bytes, the transaction's fields
///    20+length  record CRC-32C of bytes 0..<16 and the payload
public enum JournalFormat {
    public static let magic: [UInt8] = Array("SCJRNL\r\n".utf8)
    public static let version: UInt16 = 1
    public static let fileHeaderSize = 16
    public static let recordHeaderSize = 20
    public static let trailerSize = 4
    /// The largest payload a record may declare. The reader refuses a larger length before it
    /// looks at the bytes it claims: a garbage length costs nothing.
    public static let maxPayloadLength = 4_096
    /// The largest sequence number a checkpoint may start at (`TransactionJournal.compact()`
    /// refuses to compact beyond it): far from `UInt64.max`, so numbering on never overflows.
    public static let maxCheckpointSequence = UInt64(Int64.max)

    /// Header flag bit 0: the file is a compacted journal, and starts with a checkpoint
    /// (`JournalCheckpoint`). A build that predates compaction refuses the file
    /// (`.unsupportedFlags`), and the reader of this one knows the checkpoint must be whole.
    public static let compactedFlag: UInt16 = 1

    /// The file header of this version.
    public static let fileHeader = fileHeader(flags: 0)
    /// The file header of a compacted journal.
    public static let compactedFileHeader = fileHeader(flags: compactedFlag)

    static func fileHeader(flags: UInt16) -> [UInt8] {
        var bytes = magic
        bytes.appendLittleEndian(version)
        bytes.appendLittleEndian(flags)
        bytes.appendLittleEndian(CRC32C.checksum(bytes))
        return bytes
    }

    /// The record `sequence` holding `transaction`: header, payload and trailer.
    ///
    /// - Throws: `.invalidTransaction` for a transaction the reader would refuse (a quantity or
    ///   price out of range, a reason too long); nothing is written then.
    public static func record(sequence: UInt64, _ transaction: JournalTransaction) throws(JournalError) -> [UInt8] {
        let payload = encodePayload(transaction)
        guard payload.count <= maxPayloadLength else { throw .invalidTransaction("a payload of \(payload.count) bytes (at most \(maxPayloadLength))") }
        // What is written must read back as itself: the decoder's checks are the validation.
        do throws(JournalPayloadError) {
            let decoded = try decodePayload(payload[...], type: transaction.recordType)
            guard decoded == transaction else { throw JournalPayloadError("does not read back as itself") }
        } catch {
            throw .invalidTransaction("\(transaction): \(error.detail)")
        }
        return frame(sequence: sequence, type: transaction.recordType, payload: payload)
    }

    /// A record around `payload` (at most `maxPayloadLength` bytes, checked by the caller).
    static func frame(sequence: UInt64, type: JournalRecordType, payload: [UInt8]) -> [UInt8] {
        precondition(payload.count <= maxPayloadLength, "a journal payload of \(payload.count) bytes")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(recordHeaderSize + payload.count + trailerSize)
        bytes.appendLittleEndian(UInt32(payload.count))
        bytes.appendLittleEndian(sequence)
        bytes.appendLittleEndian(type.rawValue)
        bytes.appendLittleEndian(UInt16(0))
        bytes.appendLittleEndian(CRC32C.checksum(bytes))
        bytes += payload
        bytes.appendLittleEndian(recordChecksum(header: bytes[0..<16], payload: payload[...]))
        return bytes
    }

    /// The record CRC: the 16 header bytes, then the payload.
    static func recordChecksum(header: ArraySlice<UInt8>, payload: ArraySlice<UInt8>) -> UInt32 {
        CRC32C.finish(CRC32C.update(CRC32C.update(CRC32C.start, header), payload))
    }

    // MARK: - Payloads

    /// Payload fields, in order:
    /// - instrumentListed: symbol, kind UInt8 (0 spot, 1 futures), expiry Int64 ns (0 for spot),
    ///   tick value Int64, initial margin Int64 bp
    /// - cashAdjusted: amount Int64, reason
    /// - orderAcknowledged: order id UInt64, symbol, side UInt8 (0 buy, 1 sell), order type UInt8
    ///   (0 market, 1 limit, 2 stop), price Int64 (0 for market), quantity Int64, time in force
    ///   UInt8 (0 gtc, 1 ioc)
    /// - fillBooked: order id UInt64, symbol, side UInt8, price Int64, quantity Int64, fee Int64,
    ///   liquidity UInt8 (0 maker, 1 taker), time Int64 ns
    /// - orderCancelled: order id UInt64, reason
    ///
    /// A symbol is UInt8 length + ASCII; a reason UInt16 length + UTF-8.
    static func encodePayload(_ transaction: JournalTransaction) -> [UInt8] {
        var bytes: [UInt8] = []
        switch transaction {
        case .instrumentListed(let instrument):
            bytes.appendSymbol(instrument.symbol)
            switch instrument.kind {
            case .spot:
                bytes.append(0)
                bytes.appendLittleEndian(Int64(0))
            case .futures(let expiry):
                bytes.append(1)
                bytes.appendLittleEndian(expiry.nanoseconds)
            }
            bytes.appendLittleEndian(instrument.tickValue.value)
            bytes.appendLittleEndian(instrument.initialMargin.value)
        case .cashAdjusted(let amount, let reason):
            bytes.appendLittleEndian(amount.value)
            bytes.appendText(reason)
        case .orderAcknowledged(let order):
            bytes.appendLittleEndian(order.id.value)
            bytes.appendSymbol(order.symbol)
            bytes.append(order.side == .buy ? 0 : 1)
            switch order.type {
            case .market:
                bytes.append(0)
                bytes.appendLittleEndian(Int64(0))
            case .limit(let price):
                bytes.append(1)
                bytes.appendLittleEndian(price.value)
            case .stop(let trigger):
                bytes.append(2)
                bytes.appendLittleEndian(trigger.value)
            }
            bytes.appendLittleEndian(order.quantity.value)
            bytes.append(order.timeInForce == .gtc ? 0 : 1)
        case .fillBooked(let fill):
            bytes.appendLittleEndian(fill.orderID.value)
            bytes.appendSymbol(fill.symbol)
            bytes.append(fill.side == .buy ? 0 : 1)
            bytes.appendLittleEndian(fill.price.value)
            bytes.appendLittleEndian(fill.quantity.value)
            bytes.appendLittleEndian(fill.fee.value)
            bytes.append(fill.liquidity == .maker ? 0 : 1)
            bytes.appendLittleEndian(fill.time.nanoseconds)
        case .orderCancelled(let id, let reason):
            bytes.appendLittleEndian(id.value)
            bytes.appendText(reason)
        }
        return bytes
    }

    /// The transaction a payload holds. Every field is checked, and every byte used: whatever
    /// decodes encodes back to the same bytes.
    static func decodePayload(_ payload: ArraySlice<UInt8>, type: JournalRecordType) throws(JournalPayloadError) -> JournalTransaction {
        var reader = PayloadReader(bytes: payload)
        let transaction: JournalTransaction
        switch type {
        case .instrumentListed:
            transaction = .instrumentListed(try reader.instrument())
        case .cashAdjusted:
            let amount = try reader.int64()
            transaction = .cashAdjusted(Cents(amount), reason: try reader.text())
        case .orderAcknowledged:
            transaction = .orderAcknowledged(try reader.newOrder())
        case .fillBooked:
            let id = try reader.uint64()
            let symbol = try reader.symbol()
            let side = try reader.byte("side", allowed: 0...1)
            let price = try reader.int64()
            let quantity = try reader.int64()
            let fee = try reader.int64()
            let liquidity = try reader.byte("liquidity", allowed: 0...1)
            let time = try reader.int64()
            guard price > 0 else { throw JournalPayloadError("fill price \(price)") }
            guard (1...VenueLimits.maxQuantity.value).contains(quantity) else { throw JournalPayloadError("fill quantity \(quantity)") }
            transaction = .fillBooked(
                Fill(
                    orderID: ClientOrderID(id), symbol: symbol, side: side == 0 ? .buy : .sell, price: Ticks(price),
                    quantity: Lots(quantity), fee: Cents(fee), liquidity: liquidity == 0 ? .maker : .taker,
                    time: SimTime(nanoseconds: time)))
        case .orderCancelled:
            let id = try reader.uint64()
            transaction = .orderCancelled(ClientOrderID(id), reason: try reader.text())
        case .checkpoint, .checkpointHolding, .checkpointOpenOrder, .checkpointOrderIDs:
            throw JournalPayloadError("a checkpoint record outside a checkpoint")
        }
        guard reader.isAtEnd else { throw JournalPayloadError("\(reader.remaining) bytes after the last field") }
        return transaction
    }
}

/// Why a payload does not decode (becomes `JournalCorruption.Kind.malformedPayload`).
struct JournalPayloadError: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}

/// Reads a payload's fields, never past its end.
struct PayloadReader {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position == bytes.endIndex }
    var remaining: Int { bytes.endIndex - position }

    mutating func take(_ count: Int, _ what: String) throws(JournalPayloadError) -> ArraySlice<UInt8> {
        guard count <= remaining else { throw JournalPayloadError("the payload ends inside the \(what)") }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func uint64() throws(JournalPayloadError) -> UInt64 { UInt64(littleEndian: try take(8, "an integer")) }
    mutating func int64() throws(JournalPayloadError) -> Int64 { Int64(bitPattern: try uint64()) }

    mutating func byte(_ what: String, allowed: ClosedRange<UInt8>) throws(JournalPayloadError) -> UInt8 {
        guard let value = try take(1, what).first, allowed.contains(value) else {
            throw JournalPayloadError("\(what) \(bytes[position - 1]) (allowed \(allowed.lowerBound)…\(allowed.upperBound))")
        }
        return value
    }

    mutating func symbol() throws(JournalPayloadError) -> Symbol {
        let length = Int(try take(1, "a symbol's length").first ?? 0)
        guard (1...Symbol.maxLength).contains(length) else { throw JournalPayloadError("a symbol of \(length) bytes") }
        let text = try take(length, "a symbol")
        guard let string = String(validating: text, as: UTF8.self) else { throw JournalPayloadError("a symbol that is not text") }
        do { return try Symbol(string) } catch { throw JournalPayloadError("symbol \(string.debugDescription): \(error)") }
    }

    /// An instrument's fields (the `instrumentListed` payload).
    mutating func instrument() throws(JournalPayloadError) -> Instrument {
        let symbol = try symbol()
        let kind = try byte("instrument kind", allowed: 0...1)
        let expiry = try int64()
        let tickValue = try int64()
        let margin = try int64()
        if kind == 0, expiry != 0 { throw JournalPayloadError("a spot instrument with an expiry") }
        guard (1...VenueLimits.maxTickValue.value).contains(tickValue) else { throw JournalPayloadError("tick value \(tickValue)") }
        guard (0...10_000).contains(margin) else { throw JournalPayloadError("initial margin \(margin) bp") }
        return Instrument(
            symbol: symbol, kind: kind == 0 ? .spot : .futures(expiry: SimTime(nanoseconds: expiry)),
            tickValue: Cents(tickValue), initialMargin: BasisPoints(margin))
    }

    /// An order's fields (the `orderAcknowledged` payload).
    mutating func newOrder() throws(JournalPayloadError) -> NewOrder {
        let id = try uint64()
        let symbol = try symbol()
        let side = try byte("side", allowed: 0...1)
        let kind = try byte("order type", allowed: 0...2)
        let price = try int64()
        let quantity = try int64()
        let timeInForce = try byte("time in force", allowed: 0...1)
        let type: OrderType
        switch kind {
        case 0:
            guard price == 0 else { throw JournalPayloadError("a market order with a price") }
            type = .market
        case 1:
            guard price > 0 else { throw JournalPayloadError("limit price \(price)") }
            type = .limit(Ticks(price))
        default:
            guard price > 0 else { throw JournalPayloadError("stop trigger \(price)") }
            type = .stop(trigger: Ticks(price))
        }
        guard (1...VenueLimits.maxQuantity.value).contains(quantity) else { throw JournalPayloadError("order quantity \(quantity)") }
        return NewOrder(
            id: ClientOrderID(id), symbol: symbol, side: side == 0 ? .buy : .sell, type: type,
            quantity: Lots(quantity), timeInForce: timeInForce == 0 ? .gtc : .ioc)
    }

    mutating func text() throws(JournalPayloadError) -> String {
        let length = Int(UInt16(littleEndian: try take(2, "a reason's length")))
        guard length <= JournalTransaction.maxReasonLength else { throw JournalPayloadError("a reason of \(length) bytes") }
        guard let text = String(validating: try take(length, "a reason"), as: UTF8.self) else { throw JournalPayloadError("a reason that is not UTF-8") }
        return text
    }
}

extension FixedWidthInteger {
    /// The integer stored little-endian in exactly `Self.bitWidth / 8` bytes.
    init(littleEndian bytes: ArraySlice<UInt8>) {
        var value: Self = 0
        for (index, byte) in bytes.enumerated() { value |= Self(truncatingIfNeeded: byte) << (8 * index) }
        self = value
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value) {
        for index in 0..<(Value.bitWidth / 8) { append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    mutating func appendSymbol(_ symbol: Symbol) {
        let text = Array(symbol.text.utf8)
        append(UInt8(truncatingIfNeeded: text.count))
        self += text
    }

    /// A reason: longer ones are caught by `record`'s read-back check (the length is cut to 16
    /// bits here, so the read-back differs).
    mutating func appendText(_ text: String) {
        let utf8 = Array(text.utf8)
        appendLittleEndian(UInt16(truncatingIfNeeded: utf8.count))
        self += utf8
    }
}
