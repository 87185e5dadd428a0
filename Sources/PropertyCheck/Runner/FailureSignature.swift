/// How a property failed, stripped of the values involved: the shrinker keeps a candidate only
/// if it fails with the same signature, so it cannot slip from one bug to another.
public struct FailureSignature: Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure: "returned false", an error type, "deadline exceeded", an invariant.
    public let kind: String
    /// Where it failed, when known (`file:line` of a `require`, an enum case, an invariant name).
    public let location: String?

    public init(kind: String, location: String? = nil) {
        self.kind = kind
        self.location = location
    }

    public var description: String { location.map { "\(kind) at \($0)" } ?? kind }

    /// The property returned `false`.
    public static let returnedFalse = FailureSignature(kind: "property returned false")

    /// The signature of a thrown error: its own if it provides one, else its type and, for an
    /// enum, its case name (never its payload, which holds values that change while shrinking).
    public static func of(_ error: any Error) -> FailureSignature {
        if let identified = error as? any IdentifiedFailure { return identified.failureSignature }
        let type = String(reflecting: Swift.type(of: error))
        let mirror = Mirror(reflecting: error)
        if mirror.displayStyle == .enum {
            return FailureSignature(kind: "threw \(type)", location: mirror.children.first?.label ?? String(describing: error))
        }
        return FailureSignature(kind: "threw \(type)")
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
    public var failureSignature: FailureSignature { FailureSignature(kind: "require failed", location: "\(fileID):\(line)") }
    public var description: String { message.isEmpty ? "require failed at \(fileID):\(line)" : "\(message) (\(fileID):\(line))" }
}

/// Fails the property unless `condition` holds. Use this inside properties rather than a test
/// framework's assertion, which would report every case the shrinker tries.
/// - Throws: ``PropertyFailure`` naming this call's location.
public func require(_ condition: Bool, _ message: @autoclosure () -> String = "", fileID: String = #fileID, line: Int = #line) throws {
    if !condition { throw PropertyFailure(message: message(), fileID: fileID, line: line) }
}
