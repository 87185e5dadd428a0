/// How a property failed, stripped of the values involved: the shrinker keeps a candidate only
/// if it fails with the same signature, so it cannot slip from one bug to another.
///
/// The signature is a value (``Kind``), not a sentence: tools that deduplicate failures (the
/// fuzz targets) or compare them with an expected one (the bug zoo) switch on it. Its
/// `description` is the text reports print: `invariant violated at DRAIN ⇒ excess > 0`.
public struct FailureSignature: Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure and where it happened, without the case's values.
    public enum Kind: Hashable, Sendable {
        /// The property returned `false`.
        case returnedFalse
        /// A ``require(_:_:fileID:line:)`` failed at `fileID:line`.
        case requireFailed(fileID: String, line: Int)
        /// The property threw an error of `type` (`String(reflecting:)`); for an enum, with its
        /// case name (never its payload).
        case threw(type: String, enumCase: String?)
        /// The case passed but ran past ``CheckConfiguration/caseDeadline``.
        case deadlineExceeded
        /// A stateful check's model and system observed different things after a command of
        /// this kind (``CommandKind/name``).
        case diverged(command: String)
        /// A stateful check's invariant of this name failed.
        case invariantViolated(String)
        /// A stateful check's system threw an error of `type` on a command of kind `command`.
        case systemThrew(type: String, command: String)
        /// A kind defined by an ``IdentifiedFailure`` outside the engine.
        case custom(AnyFailureKind)
    }

    /// The kind of failure and where.
    public let kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// A signature of a kind defined outside the engine.
    public init(_ custom: some CustomFailureKind) {
        kind = .custom(AnyFailureKind(custom))
    }

    /// The kind without its location, as reports print it: `invariant violated`,
    /// `threw MyModule.MyError`, `property returned false`.
    public var name: String {
        switch kind {
        case .returnedFalse: "property returned false"
        case .requireFailed: "require failed"
        case .threw(let type, _): "threw \(type)"
        case .deadlineExceeded: "deadline exceeded"
        case .diverged: "model and system diverged"
        case .invariantViolated: "invariant violated"
        case .systemThrew(let type, _): "system threw \(type)"
        case .custom(let custom): custom.base.name
        }
    }

    /// Where it failed, when known: `file:line` of a `require`, an enum case, an invariant name,
    /// a command kind.
    public var location: String? {
        switch kind {
        case .returnedFalse, .deadlineExceeded: nil
        case .requireFailed(let fileID, let line): "\(fileID):\(line)"
        case .threw(_, let enumCase): enumCase
        case .diverged(let command): command
        case .invariantViolated(let name): name
        case .systemThrew(_, let command): command
        case .custom(let custom): custom.base.location
        }
    }

    /// The custom kind, when it is a `T`.
    public func custom<T: CustomFailureKind>(as type: T.Type) -> T? {
        if case .custom(let custom) = kind { return custom.base as? T }
        return nil
    }

    public var description: String { location.map { "\(name) at \($0)" } ?? name }

    /// The property returned `false`.
    public static let returnedFalse = FailureSignature(.returnedFalse)

    /// The signature of a thrown error: its own if it provides one, else its type and, for an
    /// enum, its case name (never its payload, which holds values that change while shrinking).
    public static func of(_ error: any Error) -> FailureSignature {
        if let identified = error as? any IdentifiedFailure { return identified.failureSignature }
        let type = String(reflecting: Swift.type(of: error))
        let mirror = Mirror(reflecting: error)
        if mirror.displayStyle == .enum {
            return FailureSignature(.threw(type: type, enumCase: mirror.children.first?.label ?? String(describing: error)))
        }
        return FailureSignature(.threw(type: type, enumCase: nil))
    }
}

/// A kind of failure an ``IdentifiedFailure`` outside the engine defines (a stress check's
/// broken safety property): a value naming the kind and where, without the case's values.
public protocol CustomFailureKind: Hashable, Sendable {
    /// The kind, as reports print it: `safety property violated`.
    var name: String { get }
    /// Where, when known: the property's name.
    var location: String? { get }
}

/// A ``CustomFailureKind`` of any type; equal when the two are of one type and equal.
public struct AnyFailureKind: Hashable, Sendable {
    public let base: any CustomFailureKind

    public init(_ base: some CustomFailureKind) {
        self.base = base
    }

    public static func == (a: AnyFailureKind, b: AnyFailureKind) -> Bool {
        func equals<T: CustomFailureKind>(_ value: T) -> Bool { (b.base as? T) == value }
        return equals(a.base)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(type(of: base)))
        base.hash(into: &hasher)
    }
}

/// An error that says how it should be told apart from other failures while shrinking.
public protocol IdentifiedFailure: Error {
    /// Same signature means "the same bug".
    var failureSignature: FailureSignature { get }
}

/// The failure thrown by ``require(_:_:fileID:line:)``: a property's own assertion.
public struct PropertyFailure: IdentifiedFailure, CustomStringConvertible {
    public let message: String
    public let fileID: String
    public let line: Int
    public var failureSignature: FailureSignature { FailureSignature(.requireFailed(fileID: fileID, line: line)) }
    public var description: String { message.isEmpty ? "require failed at \(fileID):\(line)" : "\(message) (\(fileID):\(line))" }
}

/// Fails the property unless `condition` holds. Use this inside properties rather than a test
/// framework's assertion, which would report every case the shrinker tries.
/// - Throws: ``PropertyFailure`` naming this call's location.
public func require(_ condition: Bool, _ message: @autoclosure () -> String = "", fileID: String = #fileID, line: Int = #line) throws {
    if !condition { throw PropertyFailure(message: message(), fileID: fileID, line: line) }
}
