/// Validated size arguments of a collection generator, and the random-mode stop probability.
@usableFromInline
struct CollectionSize: Sendable {
    @usableFromInline let minimum: Int
    @usableFromInline let maximum: Int
    /// Threshold for "one more element" in random mode: gives `average` elements on average.
    @usableFromInline let more: UInt64

    /// Checks the arguments; the error names the function and the call site.
    static func make(_ count: ClosedRange<Int>, average: Int?, function: String, fileID: String, line: Int) -> Result<CollectionSize, GeneratorError> {
        func fail(_ message: String) -> Result<CollectionSize, GeneratorError> {
            .failure(GeneratorError(function: function, message: message, fileID: fileID, line: line))
        }
        guard count.lowerBound >= 0 else { return fail("count \(count) starts below 0") }
        let midpoint = count.lowerBound + (count.upperBound - count.lowerBound) / 2
        let chosen = average ?? min(max(count.lowerBound * 2, count.lowerBound + 5), midpoint)
        guard count.contains(chosen) else { return fail("average \(chosen) lies outside count \(count)") }
        let extra = Double(chosen - count.lowerBound)
        return .success(
            CollectionSize(
                minimum: count.lowerBound, maximum: count.upperBound,
                more: RandomSource.threshold(probability: extra / (extra + 1))))
    }
}

extension Gen {
    /// Arrays of `element` with a count in `count`, `average` elements on average in random
    /// generation (by default a few more than the minimum).
    ///
    /// Elements past the minimum are each drawn behind a "one more?" flag, so deleting an
    /// element's bytes deletes the element, and the empty tail means "stop".
    public static func array<T>(
        of element: Gen<T>, count: ClosedRange<Int> = 0...Int.max, average: Int? = nil,
        fileID: String = #fileID, line: Int = #line
    ) -> Gen<[T]> where Value == [T] {
        let size: CollectionSize
        switch CollectionSize.make(count, average: average, function: "Gen.array(of:count:average:)", fileID: fileID, line: line) {
        case .success(let s): size = s
        case .failure(let error): return .invalid(error)
        }
        let body = element.body
        let label = SpanLabel.next()
        let fixedLabel = SpanLabel.next()
        let moreLabel = SpanLabel.next()
        let stopLabel = SpanLabel.next()
        return Gen(label: label, problem: element.problem) { s throws(Rejection) in
            let span = s.beginSpan(label: label)
            var result: [T] = []
            result.reserveCapacity(min(size.minimum, 1024))
            for _ in 0..<size.minimum {
                let item = s.beginSpan(label: fixedLabel)
                result.append(try body(&s))
                s.endSpan(item)
            }
            while result.count < size.maximum {
                let item = s.beginSpan(label: moreLabel)
                guard s.flag(threshold: size.more, label: moreLabel) else {
                    s.endSpan(item, relabel: stopLabel)
                    break
                }
                result.append(try body(&s))
                s.endSpan(item)
            }
            s.endSpan(span)
            return result
        }
    }

    /// Sets of distinct `element` values with a count in `count`. A drawn duplicate is skipped;
    /// a case that cannot reach the minimum in a bounded number of draws is rejected.
    public static func set<T: Hashable & Sendable>(
        of element: Gen<T>, count: ClosedRange<Int> = 0...Int.max, average: Int? = nil,
        fileID: String = #fileID, line: Int = #line
    ) -> Gen<Set<T>> where Value == Set<T> {
        distinct(
            of: element, count: count, average: average, function: "Gen.set(of:count:average:)", fileID: fileID, line: line,
            key: { $0 }, empty: { Set<T>() }
        ) { set, item in set.insert(item) }
    }

    /// Dictionaries with distinct keys from `keys` and values from `values`, with a count in `count`.
    public static func dictionary<K: Hashable & Sendable, V: Sendable>(
        keys: Gen<K>, values: Gen<V>, count: ClosedRange<Int> = 0...Int.max, average: Int? = nil,
        fileID: String = #fileID, line: Int = #line
    ) -> Gen<[K: V]> where Value == [K: V] {
        let pair = Gen<(K, V)>.zip(keys, values)
        return distinct(
            of: pair, count: count, average: average, function: "Gen.dictionary(keys:values:count:average:)",
            fileID: fileID, line: line, key: { $0.0 }, empty: { [K: V]() }
        ) { dictionary, item in dictionary[item.0] = item.1 }
    }

    /// The shared loop of `set` and `dictionary`: draw until enough distinct keys are in.
    static func distinct<T: Sendable, K: Hashable & Sendable>(
        of element: Gen<T>, count: ClosedRange<Int>, average: Int?, function: String,
        fileID: String, line: Int, key: @escaping @Sendable (T) -> K, empty: @escaping @Sendable () -> Value,
        insert: @escaping @Sendable (inout Value, T) -> Void
    ) -> Gen<Value> {
        let size: CollectionSize
        switch CollectionSize.make(count, average: average, function: function, fileID: fileID, line: line) {
        case .success(let s): size = s
        case .failure(let error): return .invalid(error)
        }
        let body = element.body
        let label = SpanLabel.next()
        let fixedLabel = SpanLabel.next()
        let moreLabel = SpanLabel.next()
        let stopLabel = SpanLabel.next()
        return Gen(label: label, problem: element.problem) { s throws(Rejection) in
            let span = s.beginSpan(label: label)
            var result = empty()
            var seen = Set<K>()
            var duplicatesInARow = 0
            while seen.count < size.minimum {
                let item = s.beginSpan(label: fixedLabel)
                let value = try body(&s)
                s.endSpan(item)
                if seen.insert(key(value)).inserted {
                    insert(&result, value)
                    duplicatesInARow = 0
                } else {
                    duplicatesInARow += 1
                    if duplicatesInARow > 10 || s.overran { throw .notEnoughDistinct(wanted: size.minimum, found: seen.count) }
                }
            }
            while seen.count < size.maximum && duplicatesInARow <= 10 {
                let item = s.beginSpan(label: moreLabel)
                guard s.flag(threshold: size.more, label: moreLabel) else {
                    s.endSpan(item, relabel: stopLabel)
                    break
                }
                let value = try body(&s)
                s.endSpan(item)
                if seen.insert(key(value)).inserted {
                    insert(&result, value)
                    duplicatesInARow = 0
                } else {
                    duplicatesInARow += 1
                }
            }
            s.endSpan(span)
            return result
        }
    }
}
