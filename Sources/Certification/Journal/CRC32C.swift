/// CRC-32C (Castagnoli): the reflected polynomial 0x82F63B78, initial value and final XOR
/// 0xFFFFFFFF — the checksum iSCSI, ext4 and many write-ahead logs use. Table-driven, one byte
/// at a time; a journal record is small, so this is not on any hot path worth more.
public enum CRC32C {
    /// The reflected Castagnoli polynomial.
    static let polynomial: UInt32 = 0x82F6_3B78

    /// One entry per byte value: the remainder of that byte shifted through the polynomial.
    static let table: [UInt32] = (0..<256).map { index in
        var remainder = UInt32(index)
        for _ in 0..<8 {
            remainder = remainder & 1 == 1 ? (remainder >> 1) ^ polynomial : remainder >> 1
        }
        return remainder
    }

    /// The checksum of `bytes`.
    public static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
        finish(update(start, bytes))
    }

    /// The running state before any byte.
    static let start: UInt32 = 0xFFFF_FFFF

    /// Feeds `bytes` into a running state (from `start`, or a previous `update`).
    static func update<Bytes: Sequence<UInt8>>(_ state: UInt32, _ bytes: Bytes) -> UInt32 {
        var crc = state
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = (crc >> 8) ^ table[Int((crc ^ UInt32(byte)) & 0xFF)]
            }
        }
        return crc
    }

    /// The checksum of a running state.
    static func finish(_ state: UInt32) -> UInt32 { state ^ 0xFFFF_FFFF }
}
