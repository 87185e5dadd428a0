import BugZoo
import Foundation

extension FuzzTarget {
    /// The bug zoo variant named by `STRESSCHECK_ZOO` (e.g. `position/drain-at-excess-0`).
    /// Exits with status 2 and the list of variants when it is missing or unknown.
    public static func zooFromEnvironment() -> FuzzTarget {
        let wanted = ProcessInfo.processInfo.environment["STRESSCHECK_ZOO"] ?? ""
        guard let variant = BugZoo.named(wanted) else {
            let message =
                (wanted.isEmpty ? "fuzz-zoo: set STRESSCHECK_ZOO to a bug zoo variant" : "fuzz-zoo: no bug zoo variant called '\(wanted)'")
                + "; the variants:\n" + BugZoo.variants.map { "  \($0.name)  \($0.summary)" }.joined(separator: "\n") + "\n"
            FileHandle.standardError.write(Data(message.utf8))
            exit(2)
        }
        return FuzzTarget(variant.entry, name: "zoo " + variant.name, knownMinima: variant.knownMinima)
    }
}
