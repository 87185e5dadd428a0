@testable import PropertyCheck
import Testing

/// Draws `count` values from `generator` in random mode, and records an issue unless at least
/// `atLeast` draws (all `count` by default) succeed: a generator whose every draw is rejected
/// must not pass each `allSatisfy` on an empty sample.
func sample<T>(
    _ generator: Gen<T>, count: Int = 2_000, seed: UInt64 = 1, atLeast: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [T] {
    var stream = ChoiceStream(seed: seed)
    let values = (0..<count).compactMap { _ in
        stream.reset(randomTail: true)
        return try? stream.draw(generator)
    }
    let required = atLeast ?? count
    if values.count < required {
        Issue.record("only \(values.count) of \(count) draws succeeded; \(required) required", sourceLocation: sourceLocation)
    }
    return values
}

@Suite struct GeneratorTests {
    @Test func integersStayInTheirRangeForEveryWidth() {
        // `any` reaches both extremes of the type (the random mode draws the range's bounds).
        let bytes = sample(Gen<Int8>.any)
        #expect(bytes.contains(Int8.min) && bytes.contains(Int8.max))
        #expect(sample(Gen<Int8>.int(in: -5...7)).allSatisfy { (-5...7).contains($0) })
        #expect(sample(Gen<UInt64>.int(in: 10...20)).allSatisfy { (10...20).contains($0) })
        #expect(sample(Gen<Int64>.int(in: Int64.max - 3...Int64.max)).allSatisfy { $0 >= Int64.max - 3 })
        #expect(sample(Gen<Int32>.int(in: -1_000_000 ... -999_990)).allSatisfy { (-1_000_000 ... -999_990).contains($0) })
        #expect(sample(Gen<UInt16>.any).contains(UInt16.max))
    }

    @Test func randomIntegersMixBoundariesSmallValuesAndRepeats() {
        let values = sample(Gen<Int>.int())
        #expect(values.contains(Int.min) && values.contains(Int.max) && values.contains(0))
        #expect(values.filter { $0.magnitude < 1000 }.count > 200, "small values")
        #expect(values.filter { $0.magnitude > 1 << 40 }.count > 500, "uniform values")
        let pairs = sample(Gen.zip(Gen.int(), Gen.int()), count: 1000)
        #expect(pairs.filter { $0.0 == $0.1 }.count > 20, "equal pairs")
        #expect(pairs.filter { (Int128($0.0) - Int128($0.1)).magnitude == 1 }.count > 10, "adjacent pairs")
    }

    @Test func integersShrinkTowardZeroOrTheNearestBound() throws {
        #expect(try Gen<Int>.int(in: -50...(-10)).decode([]) == -10)
        #expect(try Gen<Int>.int(in: 10...50).decode([]) == 10)
        #expect(try Gen<UInt8>.int(in: 200...255).decode([]) == 200)
    }

    @Test func doublesAreFiniteAndInRangeByDefault() throws {
        let values = sample(Gen.double(in: -10...1e6))
        #expect(values.allSatisfy { $0.isFinite && (-10...1e6).contains($0) })
        #expect(values.contains(-10) && values.contains(1e6), "the bounds are drawn")
        #expect(values.contains { $0 != $0.rounded() }, "fractions are drawn")
        let wide = sample(Gen.double())
        #expect(wide.allSatisfy { $0.isFinite })
        #expect(wide.allSatisfy { $0 == 0 || $0.magnitude >= Double.leastNormalMagnitude }, "no subnormals unless asked")
    }

    @Test func doubleSpecialsAreOptIn() {
        let values = sample(Gen.double(in: -1...1, including: .all))
        #expect(values.contains { $0.isNaN })
        #expect(values.contains(.infinity) && values.contains(-.infinity))
        #expect(values.contains { $0 == 0 && $0.sign == .minus })
        #expect(values.contains { $0.isSubnormal })
    }

    @Test func collectionsRespectTheirCounts() {
        #expect(sample(Gen.array(of: Gen.bool, count: 3...5)).allSatisfy { (3...5).contains($0.count) })
        let mean = Double(sample(Gen.array(of: Gen.bool, average: 25)).map(\.count).reduce(0, +)) / 2000
        #expect((22...28).contains(mean), "mean length \(mean)")
        #expect(sample(Gen.set(of: Gen.int(in: 0...100), count: 2...6)).allSatisfy { (2...6).contains($0.count) })
        #expect(sample(Gen.dictionary(keys: Gen.int(in: 0...9), values: Gen.bool, count: 1...3)).allSatisfy { (1...3).contains($0.count) })
    }

    @Test func aSetThatCannotReachItsMinimumIsRejected() {
        var stream = ChoiceStream(seed: 3)
        #expect(throws: Rejection.self) { try stream.draw(Gen.set(of: Gen.int(in: 0...2), count: 5...5)) }
    }

    @Test func stringsUseTheirAlphabet() throws {
        #expect(sample(Gen.string(count: 0...8)).allSatisfy { $0.unicodeScalars.allSatisfy { (32...126).contains($0.value) } })
        #expect(sample(Gen.string(of: .ascii)).allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII } })
        #expect(sample(Gen.string(of: .unicode)).contains { !$0.unicodeScalars.allSatisfy { $0.isASCII } })
        #expect(try Gen.string(count: 3...3).decode([]) == "aaa")
    }

    @Test func choiceCombinators() throws {
        #expect(Set(sample(Gen.element(of: ["a", "b", "c"]))) == ["a", "b", "c"])
        #expect(Set(sample(Gen.oneOf(Gen.constant(1), Gen.constant(2)))) == [1, 2])
        let weighted = sample(Gen.frequency([(weight: 9, generator: Gen.constant(true)), (weight: 1, generator: Gen.constant(false))]))
        let share = Double(weighted.filter { $0 }.count) / Double(weighted.count)
        #expect((0.85...0.95).contains(share), "share \(share)")
        #expect(sample(Gen.int(in: 0...9).optional).contains(nil))
        #expect(try Gen.int(in: 5...9).optional.decode([]) == nil)
    }

    @Test func mapFlatMapFilterZip() throws {
        #expect(sample(Gen.int(in: 0...10).map { $0 * 2 }).allSatisfy { $0 % 2 == 0 })
        let dependent = Gen.int(in: 1...5).flatMap { n in Gen.array(of: Gen.bool, count: n...n).map { (n, $0) } }
        #expect(sample(dependent).allSatisfy { $0.0 == $0.1.count })
        // Ten attempts at a one-in-three filter exhaust it on about 2% of the draws.
        #expect(sample(Gen.int(in: 0...100).filter { $0 % 3 == 0 }, atLeast: 1_900).allSatisfy { $0 % 3 == 0 })
        let triple = Gen.zip(Gen.int(in: 0...1), Gen.bool, Gen.string(count: 1...1))
        #expect(try triple.decode([]) == (0, false, "a"))
    }

    @Test func aFilterThatNeverPassesRejectsTheCase() {
        var stream = ChoiceStream(seed: 1)
        #expect(throws: Rejection.filterExhausted(attempts: 3)) { try stream.draw(Gen.int().filter(maxAttempts: 3) { _ in false }) }
    }

    indirect enum Tree: Equatable, Sendable {
        case leaf
        case node(Tree, Tree)
    }

    func depth(_ tree: Tree) -> Int {
        switch tree {
        case .leaf: 0
        case .node(let a, let b): 1 + max(depth(a), depth(b))
        }
    }

    @Test func recursiveGeneratorsRespectTheirDepth() {
        let trees = Gen.recursive(leaf: Gen.constant(Tree.leaf), maxDepth: 3) { child in
            Gen.oneOf(Gen.constant(Tree.leaf), Gen.zip(child, child).map(Tree.node))
        }
        let depths = sample(trees).map(depth)
        #expect(depths.allSatisfy { $0 <= 3 })
        #expect(depths.contains(3))
    }

    @Test func invalidArgumentsMakeAnInvalidGeneratorNamingTheCall() {
        let empty = Gen<Int>.element(of: [Int]())
        #expect(empty.problem?.function == "Gen.element(of:)")
        #expect(empty.problem?.fileID == "PropertyCheckTests/GeneratorTests.swift")
        #expect(empty.problem?.description.contains("the collection is empty") == true)
        #expect(
            Gen.frequency([(weight: 1, generator: Gen.constant(1)), (weight: 0, generator: Gen.constant(2))]).problem?.message
                == "weight 0 at index 1 can never be chosen; weights must be positive")
        #expect(Gen.array(of: Gen.bool, count: -1...3).problem?.message == "count -1...3 starts below 0")
        #expect(Gen.array(of: Gen.bool, count: 0...3, average: 9).problem?.message == "average 9 lies outside count 0...3")
        #expect(Gen.double(in: -Double.infinity...0).problem != nil)
        #expect(Gen.int().filter(maxAttempts: 0) { _ in true }.problem != nil)
        #expect(Gen.recursive(leaf: Gen.constant(1), maxDepth: -1) { $0 }.problem != nil)
        #expect(Gen.oneOf([Gen<Int>]()).problem != nil)
        // The problem travels through combinators, and a check using it fails without trapping.
        let result = check("uses an empty element list", Gen.zip(Gen.int(), empty).map { $0.0 + $0.1 }) { _ in true }
        #expect(result.exitReason == .invalidGenerator(empty.problem!))
        #expect(result.report.contains("Gen.element(of:) at PropertyCheckTests/GeneratorTests.swift"))
    }

    @Test func anInvalidGeneratorInsideFlatMapRejectsTheCaseWithItsMessage() {
        var stream = ChoiceStream(seed: 1)
        let gen = Gen.int(in: 0...0).flatMap { _ in Gen<Int>.element(of: [Int]()) }
        #expect(throws: Rejection.self) { try stream.draw(gen) }
    }
}

/// `Gen.recursive(from:…)`, span labels for hand-written generators, depth-independent nodes.
@Suite struct RecursiveAndLabelTests {
    struct Node: Equatable, Sendable {
        var value: Int
        var children: [Node]
    }

    static let heaps = Gen<Node>.recursive(from: 0, maxDepth: 3, leaf: { floor in Gen.int(in: floor...(floor + 9)).map { Node(value: $0, children: []) } }) {
        floor, child in
        Gen.int(in: floor...(floor + 9)).flatMap { value in Gen.array(of: child(value), count: 0...2, average: 1).map { Node(value: value, children: $0) } }
    }

    func depth(_ node: Node) -> Int { node.children.map { depth($0) + 1 }.max() ?? 0 }
    func ordered(_ node: Node) -> Bool { node.children.allSatisfy { $0.value >= node.value && ordered($0) } }

    @Test func childrenDependOnTheirParentWithinTheDepth() {
        var stream = ChoiceStream(seed: 7)
        var depths: Set<Int> = []
        for _ in 0..<300 {
            stream.reset(randomTail: true)
            guard let heap = try? stream.draw(Self.heaps) else { continue }
            #expect(ordered(heap))
            depths.insert(depth(heap))
        }
        #expect(depths.max() == 3)
        #expect(Gen<Int>.recursive(from: 0, maxDepth: -1, leaf: { _ in .constant(0) }) { _, _ in .constant(0) }.problem != nil)
        #expect(Gen<Int>.recursive(from: 0, maxDepth: 1, expandProbability: 2, leaf: { _ in .constant(0) }) { _, _ in .constant(0) }.problem != nil)
    }

    @Test func aSubtreeHasTheSameBytesAtEveryDepth() throws {
        indirect enum Tree: Equatable, Sendable {
            case leaf(Int)
            case node(Tree, Tree)
        }
        let leaf = Gen.int(in: 0...9).map(Tree.leaf)
        func trees(_ depth: Int) -> Gen<Tree> { Gen.recursive(leaf: leaf, maxDepth: depth) { child in .oneOf(leaf, Gen.zip(child, child).map(Tree.node)) } }
        // A leaf drawn at the depth limit decodes the same one level up, and higher.
        let bytes: [UInt8] = [0, 7]
        for depth in 0...3 { #expect(try trees(depth).decode(bytes) == .leaf(7)) }
        let pair: [UInt8] = [1, 1, 0, 3, 0, 4]
        for depth in 1...3 { #expect(try trees(depth).decode(pair) == .node(.leaf(3), .leaf(4))) }
    }

    @Test func handWrittenSpansCarryTheirLabel() {
        let element = SpanLabel()
        #expect(element != SpanLabel())
        let list = Gen<[Int]> { s throws(Rejection) in
            var items: [Int] = []
            while let next = try s.span(element, { s throws(Rejection) in s.flag(probability: 0.5) ? try s.draw(.int(in: 0...9)) : nil }) {
                items.append(next)
            }
            return items
        }
        var stream = ChoiceStream(replaying: [1, 5, 1, 6, 0], recordsSpans: true)
        #expect((try? stream.draw(list)) == [5, 6])
        #expect(stream.spans.filter { $0.label == element.rawValue }.map(\.range) == [0..<2, 2..<4, 4..<5])
    }
}
