/// A generator: a recipe that draws a value of type `Value` from a ``ChoiceStream``.
///
/// Generators are values, built from the primitives (`int(in:)`, `bool`, `double(in:)`, …) with
/// combinators (`map`, `flatMap`, `filter`, `zip`, `oneOf`, …). None of them has a shrinker of its
/// own: every value is made from the stream's bytes, and the engine shrinks the bytes. So a value
/// built with `flatMap` from another shrinks as well as a plain one.
///
/// Arguments are validated when a generator is made. An invalid one does not trap: it carries a
/// ``GeneratorError`` naming what and where, and a check that uses it fails with that message.
public struct Gen<Value>: Sendable {
    /// Identifies this generator's spans in a case (see ``Span``).
    public let label: UInt32
    /// Why this generator cannot draw, if it was made with invalid arguments.
    public let problem: GeneratorError?
    @usableFromInline let body: @Sendable (inout ChoiceStream) throws(Rejection) -> Value

    /// Makes a generator from a drawing function; draw from other generators with `stream.draw`.
    ///
    /// ```swift
    /// let point = Gen<Point> { stream throws(Rejection) in
    ///     Point(x: try stream.draw(.int(in: 0...9)), y: try stream.draw(.int(in: 0...9)))
    /// }
    /// ```
    public init(_ body: @escaping @Sendable (inout ChoiceStream) throws(Rejection) -> Value) {
        self.init(label: SpanLabel.next(), problem: nil, body)
    }

    @usableFromInline
    init(label: UInt32, problem: GeneratorError? = nil, _ body: @escaping @Sendable (inout ChoiceStream) throws(Rejection) -> Value) {
        self.label = label
        self.problem = problem
        self.body = body
    }

    /// A generator that cannot draw: every case using it is rejected with `error`.
    static func invalid(_ error: GeneratorError) -> Gen {
        Gen(label: SpanLabel.next(), problem: error) { _ throws(Rejection) in throw .invalidGenerator(error) }
    }

    /// Draws one value from a fresh stream replaying `bytes` (zeros past their end).
    /// - Throws: ``Rejection`` if the bytes decode to a rejected case.
    public func decode(_ bytes: [UInt8]) throws(Rejection) -> Value {
        var stream = ChoiceStream(replaying: bytes)
        return try body(&stream)
    }
}

/// Why a case was discarded rather than tested.
public enum Rejection: Error, Sendable, Equatable {
    /// A `filter` found no acceptable value in its attempts.
    case filterExhausted(attempts: Int)
    /// A generator made with invalid arguments was drawn from.
    case invalidGenerator(GeneratorError)
    /// A set or dictionary could not reach its minimum count of distinct elements.
    case notEnoughDistinct(wanted: Int, found: Int)
}

/// A generator made with invalid arguments: what is wrong, in which call, and where.
public struct GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The generator function, e.g. `Gen.element(of:)`.
    public let function: String
    /// What is wrong with its arguments.
    public let message: String
    /// Where the generator was made.
    public let fileID: String
    /// The line where the generator was made.
    public let line: Int

    public init(function: String, message: String, fileID: String, line: Int) {
        self.function = function
        self.message = message
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "\(function) at \(fileID):\(line): \(message)" }
}

extension GeneratorError {
    /// The first problem among several generators.
    static func first(_ problems: GeneratorError?...) -> GeneratorError? {
        for case let problem? in problems { return problem }
        return nil
    }
}
