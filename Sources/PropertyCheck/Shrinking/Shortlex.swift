/// Shortlex order on byte strings: shorter first, then lexicographically smaller.
///
/// The shrinker accepts a candidate only if it is strictly smaller in this order, so shrinking
/// always terminates (the order is well-founded) and a shorter case always wins over a case with
/// smaller values.
@inlinable
func shortlexLess(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    if a.count != b.count { return a.count < b.count }
    for i in a.indices where a[i] != b[i] { return a[i] < b[i] }
    return false
}

/// Finds a large `n` with `f(n)` true and `f(n + 1)` false, assuming `f(0)` is true: a linear
/// scan of 1…4, then exponential probing and binary search. O(log n) calls to `f`.
///
/// This is what makes every shrink pass adaptive: a deletion that works once is tried on
/// 2, 4, 8, … neighbours, then narrowed, instead of one at a time.
func findInteger(_ f: (Int) -> Bool) -> Int {
    for i in 1...4 where !f(i) { return i - 1 }
    var low = 4
    var high = 5
    while f(high) {
        low = high
        if high > Int.max / 2 { return low }
        high *= 2
    }
    while low + 1 < high {
        let mid = low + (high - low) / 2
        if f(mid) { low = mid } else { high = mid }
    }
    return low
}
