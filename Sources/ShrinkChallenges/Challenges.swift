import PropertyCheck

/// An arithmetic expression, for the calculator challenge.
public indirect enum Expr: Equatable, Sendable {
    case lit(Int)
    case add(Expr, Expr)
    case div(Expr, Expr)

    struct DivisionByZero: Error {}

    /// Evaluates with wrapping arithmetic; throws on division by zero.
    func evaluate() throws -> Int {
        switch self {
        case .lit(let n): return n
        case .add(let a, let b): return try a.evaluate() &+ b.evaluate()
        case .div(let a, let b):
            let divisor = try b.evaluate()
            if divisor == 0 { throw DivisionByZero() }
            return try a.evaluate().dividedReportingOverflow(by: divisor).partialValue
        }
    }

    /// True if some division has the literal 0 as its divisor (the challenge's precondition).
    var dividesByLiteralZero: Bool {
        switch self {
        case .lit: false
        case .add(let a, let b): a.dividesByLiteralZero || b.dividesByLiteralZero
        case .div(let a, let b): b == .lit(0) || a.dividesByLiteralZero || b.dividesByLiteralZero
        }
    }
}

extension Challenge {
    /// The quality suite's problems, each with its known minimum.
    public static let all: [Challenge] = [
        Challenge("bound", expected: 101, Gen.int(in: 101...Int.max)) { _, _ in false },
        Challenge("sum", expected: [1001], Gen.array(of: Gen.int())) { list, _ in
            list.reduce(Int128(0)) { $0 + Int128($1) } <= 1000
        },
        Challenge("reverse", expected: [0, 1], hypothesisCalls: 22, Gen.array(of: Gen.int())) { list, _ in
            list.reversed() == list
        },
        Challenge(
            "lengthlist", expected: [900], hypothesisCalls: 84,
            Gen.int(in: 1...100).flatMap { n in Gen.array(of: Gen.int(in: 0...1000), count: n...n) }
        ) { list, _ in
            (list.max() ?? 0) < 900
        },
        Challenge("distinct", expected: [0, 1, -1], hypothesisCalls: 55, Gen.array(of: Gen.int())) { list, _ in
            Set(list).count < 3
        },
        Challenge(
            "nestedlists", expected: [[Int](repeating: 0, count: 11)], hypothesisCalls: 67,
            Gen.array(of: Gen.array(of: Gen.int()))
        ) { lists, _ in
            lists.reduce(0) { $0 + $1.count } <= 10
        },
        Challenge(
            "deletion", expected: Pair([0, 0], 0), hypothesisCalls: 57,
            Gen.array(of: Gen.int(), count: 1...Int.max).flatMap { list in
                Gen.int(in: 0...(list.count - 1)).map { Pair(list, $0) }
            }
        ) { pair, _ in
            var list = pair.first
            let value = list.remove(at: pair.second)
            return !list.contains(value)
        },
        Challenge("difference", expected: Pair(10, 9), Gen<(Int, Int)>.zip(Gen.int(), Gen.int()).map { Pair($0.0, $0.1) }) { pair, _ in
            let (x, y) = (Int128(pair.first), Int128(pair.second))
            return !(x >= 10 && (x - y).magnitude == 1)
        },
        Challenge("calculator", expected: Expr.div(.lit(0), .add(.lit(0), .lit(0))), expressions) { expression, context in
            try context.assume(!expression.dividesByLiteralZero)
            do { _ = try expression.evaluate() } catch { return false }
            return true
        },
    ]

    static let expressions: Gen<Expr> = {
        let literal = Gen.int(in: -10...10).map(Expr.lit)
        return Gen.recursive(leaf: literal, maxDepth: 4) { child in
            Gen.oneOf(literal, Gen<(Expr, Expr)>.zip(child, child).map(Expr.add), Gen<(Expr, Expr)>.zip(child, child).map(Expr.div))
        }
    }()
}

/// Two values, printed as a tuple (tuples are not `Equatable`).
public struct Pair<A: Equatable & Sendable, B: Equatable & Sendable>: Equatable, Sendable, CustomStringConvertible {
    public let first: A
    public let second: B
    public init(_ first: A, _ second: B) {
        self.first = first
        self.second = second
    }
    public var description: String { "(\(PrettyPrinter.describe(first)), \(PrettyPrinter.describe(second)))" }
}
