import PropertyCheck

/// A binary tree of digits, for the recursive problems.
public indirect enum DigitTree: Equatable, Sendable {
    case leaf(Int)
    case node(DigitTree, DigitTree)

    var sum: Int {
        switch self {
        case .leaf(let n): n
        case .node(let a, let b): a.sum + b.sum
        }
    }
}

/// A tree in which every child is at least its parent, and at most 100 more.
public struct Heap: Equatable, Sendable, CustomStringConvertible {
    public var value: Int
    public var children: [Heap]

    public init(_ value: Int, _ children: [Heap]) {
        self.value = value
        self.children = children
    }

    /// The values `depth` levels below this node.
    func values(atDepth depth: Int) -> [Int] {
        depth == 0 ? [value] : children.flatMap { $0.values(atDepth: depth - 1) }
    }

    public var description: String { "Heap(\(value), [\(children.map(\.description).joined(separator: ", "))])" }
}

/// A binary search tree over a key range: every key of `left` is below `key`, every key of
/// `right` above.
public struct SearchTree: Equatable, Sendable, CustomStringConvertible {
    public var key: Int
    public var left: [SearchTree]
    public var right: [SearchTree]

    public init(_ key: Int, left: [SearchTree] = [], right: [SearchTree] = []) {
        self.key = key
        self.left = left
        self.right = right
    }

    /// True if some node has a right child whose key is at least `gap` above its own.
    func hasRightStep(atLeast gap: Int) -> Bool {
        right.contains { $0.key - key >= gap || $0.hasRightStep(atLeast: gap) } || left.contains { $0.hasRightStep(atLeast: gap) }
    }

    public var description: String {
        var parts = ["\(key)"]
        if let l = left.first { parts.append("left: \(l)") }
        if let r = right.first { parts.append("right: \(r)") }
        return "T(" + parts.joined(separator: ", ") + ")"
    }
}

/// Three values, printed as a tuple.
public struct Triple: Equatable, Sendable, CustomStringConvertible {
    public let x: Int, y: Int, z: Int
    public init(_ x: Int, _ y: Int, _ z: Int) { (self.x, self.y, self.z) = (x, y, z) }
    public var description: String { "(\(x), \(y), \(z))" }
}

extension Challenge {
    /// The engine's hard cases (issue 9 §3), each class with problems of our own and their known
    /// minima: recursive generators at their depth limit, values that move in a ratio other than
    /// 1:1, children drawn in ranges their parents set, unique ordered lists and sums over
    /// filtered sub-lists. The benchmark measures them on 100 seeds.
    public static let hard: [Challenge] = [
        // 1. Recursive generators: the minimum's subtrees sit above the depth limit, where the
        //    random trees' subtrees do not.
        Challenge(
            "calculator-shallow", expected: Expr.div(.lit(0), .add(.lit(0), .lit(0))), family: "recursive",
            expressions(maxDepth: 2)
        ) { expression, context in
            try context.assume(!expression.dividesByLiteralZero)
            do { _ = try expression.evaluate() } catch { return false }
            return true
        },
        Challenge("leafsum", expected: DigitTree.node(.leaf(7), .node(.leaf(9), .leaf(9))), family: "recursive", digitTrees) { tree, _ in
            tree.sum < 25
        },
        // 2. Ratios other than 1:1: lowering the first value needs the second raised by a multiple.
        Challenge(
            "ratio-2:1", expected: Pair(0, 5_000), family: "ratio",
            Gen.zip(Gen.int(in: 0...10_000), Gen.int(in: 0...10_000)).map { Pair($0.0, $0.1) }
        ) { pair, _ in
            2 * pair.first + pair.second < 5_000
        },
        Challenge(
            "ratio-1:3", expected: Pair(0, 2_000), family: "ratio",
            Gen.zip(Gen.int(in: 0...10_000), Gen.int(in: 0...10_000)).map { Pair($0.0, $0.1) }
        ) { pair, _ in
            pair.first + 3 * pair.second < 6_000
        },
        Challenge(
            "ratio-1:2:4", expected: Triple(0, 0, 1_000), family: "ratio",
            Gen.zip(Gen.int(in: 0...4_000), Gen.int(in: 0...4_000), Gen.int(in: 0...4_000)).map { Triple($0.0, $0.1, $0.2) }
        ) { t, _ in
            t.x + 2 * t.y + 4 * t.z < 4_000
        },
        // 3. Dependent ranges: a child is drawn relative to its parent, so lowering the parent
        //    moves the child unless the child's own choice rises.
        Challenge("heap", expected: Heap(0, [Heap(0, [Heap(100, [])])]), family: "dependent", heaps) { heap, _ in
            heap.values(atDepth: 2).allSatisfy { $0 < 100 }
        },
        Challenge("chain", expected: [0, 50, 100], family: "dependent", chains) { list, _ in
            list.count < 3 || list.last! < 100
        },
        Challenge("heap-deep", expected: Heap(0, [Heap(0, [Heap(100, [Heap(200, [])])])]), family: "dependent", heaps) { heap, _ in
            heap.values(atDepth: 3).allSatisfy { $0 < 200 }
        },
        Challenge("search-tree", expected: SearchTree(0, right: [SearchTree(40)]), family: "dependent", searchTrees) { tree, _ in
            !tree.hasRightStep(atLeast: 40)
        },
        // 4. Unique, ordered lists, and sums over many filtered sub-lists.
        Challenge(
            "unique-sorted", expected: [-2, -1, 0, 1, 2], family: "unique",
            Gen.set(of: Gen.int(in: -1_000...1_000)).map { $0.sorted() }
        ) { list, _ in
            list.count < 5
        },
        Challenge(
            "unique-sum", expected: [0, 1, 999], family: "unique",
            Gen.set(of: Gen.int(in: 0...1_000)).map { $0.sorted() }
        ) { list, _ in
            list.count < 3 || list.reduce(0, +) < 1_000
        },
        Challenge(
            "sorted-sum", expected: [0, 1, 49, 100], family: "unique",
            Gen.array(of: Gen.int(in: 0...100), count: 4...6).filter(maxAttempts: 100) { zip($0, $0.dropFirst()).allSatisfy(<) }
        ) { list, _ in
            list.reduce(0, +) < 150
        },
        Challenge(
            "even-sublists", expected: [[100, 100, 100, 100, 100]], family: "unique",
            Gen.array(of: Gen.array(of: Gen.int(in: 0...100)).filter { $0.reduce(0, +) % 2 == 0 })
        ) { lists, _ in
            lists.joined().reduce(0, +) < 500
        },
        Challenge(
            "filtered-sublists", expected: [[100], [100], [100]], family: "unique",
            Gen.array(of: Gen.array(of: Gen.int(in: 0...100)).filter { $0.reduce(0, +) <= 100 })
        ) { lists, _ in
            lists.joined().reduce(0, +) < 300
        },
    ]

    static func expressions(maxDepth: Int) -> Gen<Expr> {
        let literal = Gen.int(in: -10...10).map(Expr.lit)
        return Gen.recursive(leaf: literal, maxDepth: maxDepth) { child in
            Gen.oneOf(literal, Gen<(Expr, Expr)>.zip(child, child).map(Expr.add), Gen<(Expr, Expr)>.zip(child, child).map(Expr.div))
        }
    }

    static let digitTrees: Gen<DigitTree> = {
        let leaf = Gen.int(in: 0...9).map(DigitTree.leaf)
        return Gen.recursive(leaf: leaf, maxDepth: 3) { child in
            Gen.oneOf(leaf, Gen<(DigitTree, DigitTree)>.zip(child, child).map(DigitTree.node))
        }
    }()

    /// Written by hand, as a user would: each node a labelled span, each child behind a flag.
    static let heaps: Gen<Heap> = {
        let node = SpanLabel()
        @Sendable func heap(_ s: inout ChoiceStream, floor: Int, depth: Int) throws(Rejection) -> Heap {
            try s.span(node) { s throws(Rejection) in
                let value = try s.draw(Gen.int(in: floor...(floor + 100)))
                var children: [Heap] = []
                while depth < 3 && children.count < 2 && s.flag(probability: 0.6) {
                    children.append(try heap(&s, floor: value, depth: depth + 1))
                }
                return Heap(value, children)
            }
        }
        return Gen { s throws(Rejection) in try heap(&s, floor: 0, depth: 0) }
    }()

    /// Strictly increasing lists: each element one to 50 above the one before.
    static let chains: Gen<[Int]> = {
        let element = SpanLabel()
        return Gen { s throws(Rejection) in
            var list = [try s.draw(Gen.int(in: 0...100))]
            while list.count < 8,
                let next = try s.span(
                    element,
                    { s throws(Rejection) in
                        s.flag(probability: 0.8) ? try s.draw(Gen.int(in: (list.last! + 1)...(list.last! + 50))) : nil
                    })
            {
                list.append(next)
            }
            return list
        }
    }()

    /// Search trees over 0...100, through the combinator whose children depend on the parent.
    static let searchTrees: Gen<SearchTree> = Gen<SearchTree>.recursive(
        from: 0...100, maxDepth: 4, leaf: { range in Gen.int(in: range).map { SearchTree($0) } }
    ) { range, child in
        Gen.int(in: range).flatMap { key in
            let left = key > range.lowerBound ? child(range.lowerBound...(key - 1)).optional : .constant(nil)
            let right = key < range.upperBound ? child((key + 1)...range.upperBound).optional : .constant(nil)
            return Gen.zip(left, right).map { SearchTree(key, left: $0.0.map { [$0] } ?? [], right: $0.1.map { [$0] } ?? []) }
        }
    }
}
