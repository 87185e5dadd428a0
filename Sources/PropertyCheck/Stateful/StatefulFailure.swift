/// Why a stateful case failed: the step, the command, and the two observations or the
/// invariant. Its signature names the kind of command and what went wrong, so shrinking keeps
/// the same bug (a divergence on `open` does not become one on `close`).
public struct StatefulFailure: IdentifiedFailure, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Model and system observed different things.
        case divergence
        /// An invariant failed on the system's observation (checked before the comparison with
        /// the model, so a failure names the rule it breaks).
        case invariant(String)
        /// The system threw.
        case systemThrew(String)
    }

    public let kind: Kind
    /// 1-based step number.
    public let step: Int
    public let commandKind: String
    public let command: String
    /// The model's and the system's observations, pretty-printed (for a divergence; for an
    /// invariant, only the system's).
    public let model: String?
    public let system: String?

    @inlinable
    public init(kind: Kind, step: Int, commandKind: String, command: String, model: String?, system: String?) {
        self.kind = kind
        self.step = step
        self.commandKind = commandKind
        self.command = command
        self.model = model
        self.system = system
    }

    public var failureSignature: FailureSignature {
        switch kind {
        case .divergence: FailureSignature(.diverged(command: commandKind))
        case .invariant(let name): FailureSignature(.invariantViolated(name))
        case .systemThrew(let type): FailureSignature(.systemThrew(type: type, command: commandKind))
        }
    }

    public var description: String {
        var lines: [String] = []
        switch kind {
        case .divergence: lines.append("model and system diverged at step \(step), \(command)")
        case .invariant(let name): lines.append("invariant \"\(name)\" violated after step \(step), \(command)")
        case .systemThrew(let error): lines.append("the system threw at step \(step), \(command): \(error)")
        }
        if let model, let system {
            lines.append(SideBySide.render(left: model, right: system, leftTitle: "model", rightTitle: "system"))
        } else if let system {
            lines.append("system observed:")
            lines += system.split(separator: "\n").map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

/// Two pretty-printed values in two columns, lines that differ marked with `≠`.
public enum SideBySide {
    public static func render(left: String, right: String, leftTitle: String, rightTitle: String) -> String {
        let a = left.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = right.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let width = max(leftTitle.count, a.map(\.count).max() ?? 0)
        func pad(_ text: String) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var lines = ["    " + pad(leftTitle) + " │ " + rightTitle]
        for index in 0..<max(a.count, b.count) {
            let l = index < a.count ? a[index] : ""
            let r = index < b.count ? b[index] : ""
            lines.append((l == r ? "    " : "  ≠ ") + pad(l) + " │ " + r)
        }
        return lines.joined(separator: "\n")
    }
}
