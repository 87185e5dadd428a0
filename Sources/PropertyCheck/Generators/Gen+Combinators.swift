extension Gen {
    /// Transforms each value; shrinks exactly as `self` does.
    @inlinable
    public func map<T>(_ transform: @escaping @Sendable (Value) -> T) -> Gen<T> {
        let body = self.body
        return Gen<T>(label: label, problem: problem) { s throws(Rejection) in transform(try body(&s)) }
    }

    /// Draws a value, then draws from the generator it picks (dependent generation).
    ///
    /// Both draws live in one stream, so shrinking the first value re-runs `transform` and the
    /// second generator simply reads the bytes that follow: no per-type shrinker is needed.
    public func flatMap<T>(_ transform: @escaping @Sendable (Value) -> Gen<T>) -> Gen<T> {
        let body = self.body
        let label = SpanLabel.next()
        return Gen<T>(label: label, problem: problem) { s throws(Rejection) in
            let span = s.beginSpan(label: label)
            let next = transform(try body(&s))
            if let problem = next.problem { throw .invalidGenerator(problem) }
            let value = try next.body(&s)
            s.endSpan(span)
            return value
        }
    }

    /// Keeps only values satisfying `isIncluded`, drawing again up to `maxAttempts` times; a case
    /// whose attempts all fail is rejected (counted against the check's rejection budget).
    public func filter(
        maxAttempts: Int = 10, fileID: String = #fileID, line: Int = #line,
        _ isIncluded: @escaping @Sendable (Value) -> Bool
    ) -> Gen<Value> {
        guard maxAttempts > 0 else {
            return .invalid(
                GeneratorError(
                    function: "Gen.filter(maxAttempts:)",
                    message: "maxAttempts is \(maxAttempts); it must be at least 1", fileID: fileID, line: line))
        }
        let body = self.body
        let label = SpanLabel.next()
        return Gen(label: label, problem: problem) { s throws(Rejection) in
            for _ in 0..<maxAttempts {
                let span = s.beginSpan(label: label)
                let value = try body(&s)
                s.endSpan(span)
                if isIncluded(value) { return value }
            }
            throw .filterExhausted(attempts: maxAttempts)
        }
    }

    /// `nil` or a value of `self`; shrinks to `nil`. In random generation a value is drawn four
    /// times in five.
    public var optional: Gen<Value?> {
        let body = self.body
        let label = SpanLabel.next()
        let threshold = RandomSource.threshold(probability: 0.8)
        return Gen<Value?>(label: label, problem: problem) { s throws(Rejection) in
            let span = s.beginSpan(label: label)
            defer { s.endSpan(span) }
            return s.flag(threshold: threshold, label: label) ? try body(&s) : nil
        }
    }
}

extension Gen {
    /// Draws from each generator in turn and returns the values as a tuple.
    ///
    /// ```swift
    /// let pair = Gen.zip(Gen.int(in: 0...9), Gen.bool)   // Gen<(Int, Bool)>
    /// ```
    public static func zip<each T>(_ generators: repeat Gen<each T>) -> Gen<(repeat each T)> where Value == (repeat each T) {
        var problem: GeneratorError?
        for generator in repeat each generators { if problem == nil { problem = generator.problem } }
        let label = SpanLabel.next()
        return Gen<(repeat each T)>(label: label, problem: problem) { s throws(Rejection) in
            (repeat try (each generators).body(&s))
        }
    }

    /// `zip` of two generators. The variadic `zip` looks up the metadata of its tuple and of
    /// each generator at run time on every draw (parameter packs are not specialized); these
    /// fixed-arity overloads, chosen for two to four generators, are plain closures.
    public static func zip<A, B>(_ a: Gen<A>, _ b: Gen<B>) -> Gen<(A, B)> where Value == (A, B) {
        let (first, second) = (a.body, b.body)
        return Gen<(A, B)>(label: SpanLabel.next(), problem: a.problem ?? b.problem) { s throws(Rejection) in
            (try first(&s), try second(&s))
        }
    }

    /// `zip` of three generators; see the two-generator overload.
    public static func zip<A, B, C>(_ a: Gen<A>, _ b: Gen<B>, _ c: Gen<C>) -> Gen<(A, B, C)> where Value == (A, B, C) {
        let (first, second, third) = (a.body, b.body, c.body)
        return Gen<(A, B, C)>(label: SpanLabel.next(), problem: a.problem ?? b.problem ?? c.problem) { s throws(Rejection) in
            (try first(&s), try second(&s), try third(&s))
        }
    }

    /// `zip` of four generators; see the two-generator overload.
    public static func zip<A, B, C, D>(_ a: Gen<A>, _ b: Gen<B>, _ c: Gen<C>, _ d: Gen<D>) -> Gen<(A, B, C, D)> where Value == (A, B, C, D) {
        let (first, second, third, fourth) = (a.body, b.body, c.body, d.body)
        return Gen<(A, B, C, D)>(label: SpanLabel.next(), problem: a.problem ?? b.problem ?? c.problem ?? d.problem) { s throws(Rejection) in
            (try first(&s), try second(&s), try third(&s), try fourth(&s))
        }
    }
}
