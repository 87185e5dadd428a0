extension Gen {
    /// A recursive generator whose children depend on their parent: a heap whose children are
    /// no smaller than their parent, a search tree whose keys lie in the range its parent leaves,
    /// at most `maxDepth` levels below the root.
    ///
    /// Each node receives a parameter from its parent (the root receives `root`). `expand`
    /// gets the node's parameter and a function that makes the generator of a child for the
    /// parameter the node chooses, and returns the node's generator; `leaf` makes a node that
    /// has no children, and is the only choice at the depth limit.
    ///
    /// ```swift
    /// struct Heap { var value: Int; var children: [Heap] }
    /// // Every child is at least its parent.
    /// let heaps = Gen<Heap>.recursive(from: 0, maxDepth: 4,
    ///                                 leaf: { floor in Gen.int(in: floor...1_000).map { Heap(value: $0, children: []) } }) { floor, child in
    ///     Gen.int(in: floor...1_000).flatMap { value in
    ///         Gen.array(of: child(value), count: 0...3).map { Heap(value: value, children: $0) }
    ///     }
    /// }
    /// ```
    ///
    /// Shrinking: every node is one span with one label, so the shrinker can replace a node by
    /// one of its own subtrees, which is then drawn again from the parameter of its new place.
    /// A node begins with a one-byte choice between `leaf` (0) and `expand` (1), which is read
    /// and recorded as 0 at the depth limit, so a subtree has the same bytes at every depth and
    /// decodes the same when it moves up a level.
    ///
    /// - Parameters:
    ///   - root: The parameter of the root node.
    ///   - maxDepth: The most levels of `expand` above a leaf (0: the root is a leaf).
    ///   - expandProbability: In random generation, how often a node above the depth limit
    ///     expands rather than being a leaf. Default 0.75.
    ///   - leaf: Makes a node without children for a parameter.
    ///   - expand: Makes a node for a parameter, given the maker of its children's generators.
    /// - Returns: A generator of trees; invalid (naming this call) when `maxDepth` is negative or
    ///   `expandProbability` is outside 0...1.
    /// - Complexity: Builds the generators that `leaf`, `expand` and `child` return on every
    ///   node drawn; keep them cheap to build.
    public static func recursive<Parameter: Sendable>(
        from root: Parameter, maxDepth: Int, expandProbability: Double = 0.75, fileID: String = #fileID, line: Int = #line,
        leaf: @escaping @Sendable (Parameter) -> Gen<Value>,
        _ expand: @escaping @Sendable (Parameter, _ child: @escaping @Sendable (Parameter) -> Gen<Value>) -> Gen<Value>
    ) -> Gen<Value> {
        let function = "Gen.recursive(from:maxDepth:expandProbability:leaf:_:)"
        guard maxDepth >= 0 else {
            return .invalid(GeneratorError(function: function, message: "maxDepth is \(maxDepth); it must be 0 or more", fileID: fileID, line: line))
        }
        guard (0...1).contains(expandProbability) else {
            return .invalid(
                GeneratorError(
                    function: function, message: "expandProbability is \(expandProbability); it must be in 0...1",
                    fileID: fileID, line: line))
        }
        let tree = ParameterizedTree(
            leaf: leaf, expand: expand, label: SpanLabel.next(), branchLabel: SpanLabel.next(),
            threshold: RandomSource.threshold(probability: expandProbability))
        return tree.node(root, depth: maxDepth)
    }
}

/// The nodes of ``Gen/recursive(from:maxDepth:expandProbability:fileID:line:leaf:_:)``.
struct ParameterizedTree<Parameter: Sendable, Value>: Sendable {
    let leaf: @Sendable (Parameter) -> Gen<Value>
    let expand: @Sendable (Parameter, _ child: @escaping @Sendable (Parameter) -> Gen<Value>) -> Gen<Value>
    /// Shared by every node at every depth.
    let label: UInt32
    let branchLabel: UInt32
    let threshold: UInt64

    /// The generator of a node with parameter `parameter` and `depth` levels left below it.
    func node(_ parameter: Parameter, depth: Int) -> Gen<Value> {
        Gen(label: label) { s throws(Rejection) in try self.draw(&s, parameter, depth: depth) }
    }

    func draw(_ s: inout ChoiceStream, _ parameter: Parameter, depth: Int) throws(Rejection) -> Value {
        let span = s.beginSpan(label: label)
        let expands: Bool
        if depth > 0 {
            expands = s.flag(threshold: threshold, label: branchLabel)
        } else {
            s.fixedZero(label: branchLabel)
            expands = false
        }
        let generator = expands ? expand(parameter) { child in self.node(child, depth: depth - 1) } : leaf(parameter)
        if let problem = generator.problem { throw .invalidGenerator(problem) }
        let value = try generator.body(&s)
        s.endSpan(span)
        return value
    }
}
