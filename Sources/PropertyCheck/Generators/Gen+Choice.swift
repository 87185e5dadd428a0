extension Gen {
    /// One of `elements`, shrinking toward the first.
    ///
    /// An empty collection makes an invalid generator whose checks fail with a message naming
    /// this call.
    public static func element<C: Collection & Sendable>(of elements: C, fileID: String = #fileID, line: Int = #line) -> Gen<Value>
    where C.Element == Value, Value: Sendable {
        let values = Array(elements)
        guard !values.isEmpty else {
            return .invalid(
                GeneratorError(
                    function: "Gen.element(of:)", message: "the collection is empty; give at least one element",
                    fileID: fileID, line: line))
        }
        let bound = UInt64(values.count - 1)
        let label = SpanLabel.next()
        return Gen(label: label) { s throws(Rejection) in
            values[Int(s.choice(bound: bound, label: label) { $0.next(upTo: bound) })]
        }
    }

    /// Draws from one of `generators`, chosen uniformly; shrinks toward the first.
    public static func oneOf(_ generators: Gen<Value>..., fileID: String = #fileID, line: Int = #line) -> Gen<Value> {
        oneOf(generators, fileID: fileID, line: line)
    }

    /// Draws from one of `generators`, chosen uniformly; shrinks toward the first.
    public static func oneOf(_ generators: [Gen<Value>], fileID: String = #fileID, line: Int = #line) -> Gen<Value> {
        frequency(generators.map { (1, $0) }, function: "Gen.oneOf", fileID: fileID, line: line)
    }

    /// Draws from one of `choices`, chosen with probability proportional to its weight; shrinks
    /// toward the first. Every weight must be positive.
    public static func frequency(_ choices: [(weight: Int, generator: Gen<Value>)], fileID: String = #fileID, line: Int = #line) -> Gen<Value> {
        frequency(choices, function: "Gen.frequency", fileID: fileID, line: line)
    }

    static func frequency(_ choices: [(weight: Int, generator: Gen<Value>)], function: String, fileID: String, line: Int) -> Gen<Value> {
        guard !choices.isEmpty else {
            return .invalid(GeneratorError(function: function, message: "no alternatives given; give at least one", fileID: fileID, line: line))
        }
        var cumulative: [UInt64] = []
        var total: UInt64 = 0
        for (index, choice) in choices.enumerated() {
            guard choice.weight > 0 else {
                return .invalid(
                    GeneratorError(
                        function: function,
                        message: "weight \(choice.weight) at index \(index) can never be chosen; weights must be positive",
                        fileID: fileID, line: line))
            }
            let (sum, overflow) = total.addingReportingOverflow(UInt64(choice.weight))
            guard !overflow else {
                return .invalid(GeneratorError(function: function, message: "the weights add up past UInt64.max", fileID: fileID, line: line))
            }
            total = sum
            cumulative.append(total)
        }
        let problem = choices.lazy.compactMap(\.generator.problem).first
        let bodies = choices.map(\.generator.body)
        let bound = total - 1
        let label = SpanLabel.next()
        let thresholds = cumulative
        return Gen(label: label, problem: problem) { s throws(Rejection) in
            let span = s.beginSpan(label: label)
            let pick = s.choice(bound: bound, label: label) { $0.next(upTo: bound) }
            var index = 0
            while thresholds[index] <= pick { index += 1 }
            let value = try bodies[index](&s)
            s.endSpan(span)
            return value
        }
    }

    /// A recursive generator, such as an expression tree, at most `maxDepth` levels deep.
    ///
    /// `expand` receives the generator for the next level down and returns the generator for a
    /// node; at depth 0 only `leaf` is drawn. All levels share one span label, so the shrinker can
    /// replace a node by one of its own subtrees.
    ///
    /// Every node begins with a one-byte choice between `leaf` (0) and `expand` (1); at depth 0 it
    /// is read and recorded as 0. So a subtree has the same bytes at every depth, and a subtree
    /// that touched the depth limit decodes the same when the shrinker moves it up a level (were
    /// the depth-0 leaves drawn bare, their bytes would be read as `expand`'s choices there). In
    /// random generation a node expands with `expandProbability` (default 0.8).
    ///
    /// ```swift
    /// indirect enum Expr { case lit(Int), add(Expr, Expr) }
    /// let expr = Gen.recursive(leaf: Gen.int(in: 0...9).map(Expr.lit), maxDepth: 4) { child in
    ///     .oneOf(Gen.int(in: 0...9).map(Expr.lit), Gen.zip(child, child).map(Expr.add))
    /// }
    /// ```
    public static func recursive(
        leaf: Gen<Value>, maxDepth: Int, expandProbability: Double = 0.8, fileID: String = #fileID, line: Int = #line,
        _ expand: (Gen<Value>) -> Gen<Value>
    ) -> Gen<Value> {
        guard maxDepth >= 0 else {
            return .invalid(
                GeneratorError(
                    function: "Gen.recursive(leaf:maxDepth:)",
                    message: "maxDepth is \(maxDepth); it must be 0 or more", fileID: fileID, line: line))
        }
        guard (0...1).contains(expandProbability) else {
            return .invalid(
                GeneratorError(
                    function: "Gen.recursive(leaf:maxDepth:)",
                    message: "expandProbability is \(expandProbability); it must be in 0...1", fileID: fileID, line: line))
        }
        let label = SpanLabel.next()
        let branchLabel = SpanLabel.next()
        let threshold = RandomSource.threshold(probability: expandProbability)
        let leafBody = leaf.body
        var level = Gen(label: label, problem: leaf.problem) { s throws(Rejection) in
            let span = s.beginSpan(label: label)
            s.fixedZero(label: branchLabel)
            let value = try leafBody(&s)
            s.endSpan(span)
            return value
        }
        for _ in 0..<maxDepth {
            let expanded = expand(level)
            let body = expanded.body
            level = Gen(label: label, problem: GeneratorError.first(leaf.problem, expanded.problem)) { s throws(Rejection) in
                let span = s.beginSpan(label: label)
                let value = s.flag(threshold: threshold, label: branchLabel) ? try body(&s) : try leafBody(&s)
                s.endSpan(span)
                return value
            }
        }
        return level
    }
}
