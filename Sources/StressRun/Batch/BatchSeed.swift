/// The seed of one item of a batch, derived from the campaign's seed and the item's number.
///
/// `itemSeed(campaign: c, item: n)` is the (n + 1)-th output of SplitMix64 (Steele, Lea and Flood
/// 2014) started from the state `c`: the state `c + γ·(n + 1)` (γ = 0x9E3779B97F4A7C15, wrapping)
/// put through SplitMix64's finalizer. Hence:
/// - any item's seed is computed alone, in O(1), from (campaign seed, item number): an item
///   replays without running the ones before it, and a shard needs no other shard;
/// - within one campaign, distinct item numbers (below 2⁶⁴) get distinct seeds: γ is odd, so
///   `c + γ·(n + 1)` differs for every n, and the finalizer is a bijection. Shards therefore
///   never run the same universe twice;
/// - it is exactly what `SeededChoices(seed: c + γ·n).next()` returns, so the function is
///   the one the market simulator already uses, not a new one.
public enum BatchSeed {
    /// SplitMix64's increment, the golden ratio in 64 bits.
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The seed of item `item` of the campaign `campaign`.
    public static func itemSeed(campaign: UInt64, item: Int) -> UInt64 {
        mix(campaign &+ gamma &* (UInt64(truncatingIfNeeded: item) &+ 1))
    }

    /// SplitMix64's finalizer (a bijection of UInt64).
    public static func mix(_ state: UInt64) -> UInt64 {
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// `0x` and 16 lowercase hexadecimal digits, as shard files and reports write seeds.
    public static func format(_ seed: UInt64) -> String {
        let digits = String(seed, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A seed written as decimal or `0x` hexadecimal; `nil` otherwise.
    public static func parse(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            let digits = text.dropFirst(2)
            guard !digits.isEmpty, digits.count <= 16 else { return nil }
            return UInt64(digits, radix: 16)
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(text)
    }
}
