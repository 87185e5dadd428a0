/// The labels a stateful case can carry ("command <kind>" for each kind run, and each
/// `CaseLabel` that held), worked out once per check rather than once per case.
///
/// A case records which kinds ran and which labels held as bits; reporting them is then a walk
/// over this table in name order, handing out strings built once. (Building, deduplicating and
/// sorting the names for every case cost more than a tenth of a check's time.)
@usableFromInline
struct CaseLabelTable: Sendable {
    /// One reportable name, and the bits of the case that report it.
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline let name: String
        @usableFromInline var kindBits: UInt64
        @usableFromInline var labelBits: UInt64
    }

    /// In name order, each name once.
    @usableFromInline let entries: [Entry]
    /// Coverage requirements in label order, registered with the first case; a label no entry
    /// names is counted by none, so it is never met.
    @usableFromInline let requirements: [(label: String, percent: Double)]
    /// "command <kind>" by kind index, for the per-kind counts.
    @usableFromInline let kindNames: [String]

    @usableFromInline
    init(kinds: [String], labels: [String], coverage: [String: Double]) {
        var byName: [String: Entry] = [:]
        for (index, kind) in kinds.enumerated() where index < 64 {
            let name = CommandLabel.name(of: kind)
            byName[name, default: Entry(name: name, kindBits: 0, labelBits: 0)].kindBits |= 1 << UInt64(index)
        }
        for (index, label) in labels.enumerated() where index < 64 {
            byName[label, default: Entry(name: label, kindBits: 0, labelBits: 0)].labelBits |= 1 << UInt64(index)
        }
        entries = byName.values.sorted { $0.name < $1.name }
        requirements = coverage.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        kindNames = kinds
    }

    /// Whether a case with these bits carries `entry`'s name.
    @inlinable
    func carries(_ entry: Int, kinds: UInt64, labels: UInt64) -> Bool {
        entries[entry].kindBits & kinds != 0 || entries[entry].labelBits & labels != 0
    }

    /// Reports a finished case: the context keeps its bits, and the runner counts the entries
    /// they carry (per entry, as integers: hashing each label's name into the counts for every
    /// case, after comparing it with the case's other labels, cost a fortieth of a check).
    @inlinable
    func report(kinds: UInt64, labels: UInt64, to context: PropertyContext) {
        context.report(table: self, kinds: kinds, labels: labels)
    }

    /// The names `counts` (per entry) stand for, added to `labels`.
    func add(_ counts: [Int], to labels: inout [String: Int]) {
        for entry in entries.indices where counts[entry] > 0 { labels[entries[entry].name, default: 0] += counts[entry] }
    }

    /// Whether a case with these bits carries a label named `name`.
    func carries(_ name: String, kinds: UInt64, labels: UInt64) -> Bool {
        entries.indices.contains { carries($0, kinds: kinds, labels: labels) && entries[$0].name == name }
    }
}

/// The label a stateful check gives the cases that ran a command kind: `command <kind>`. Readers
/// of a check's labels (the CLI's summary) ask this type which labels are command kinds rather
/// than knowing the spelling.
public enum CommandLabel {
    static let prefix = "command "

    /// The label of the cases that ran a command of `kind`.
    public static func name(of kind: String) -> String { prefix + kind }

    /// The command kind `label` counts, or `nil` when it is not a command kind's label.
    public static func kind(of label: String) -> String? {
        label.hasPrefix(prefix) ? String(label.dropFirst(prefix.count)) : nil
    }
}
