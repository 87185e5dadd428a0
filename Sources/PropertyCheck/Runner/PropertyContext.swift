/// What a property can tell the runner about the case it is testing: labels for the
/// distribution report, coverage requirements, scores for targeted search, assumptions and notes.
///
/// ```swift
/// check("sort", .array(of: .int(in: 0...9))) { list, context in
///     context.cover(10, "empty", list.isEmpty)
///     context.target(Double(list.count), label: "length")
///     return list.sorted().count == list.count
/// }
/// ```
public final class PropertyContext {
    /// Labels and coverage hits of the current case; merged into the totals if it is valid.
    var caseLabels: [String] = []
    /// Required minimum fraction (0…1) per coverage label.
    var requirements: [String: Double] = [:]
    /// Best score per target label in the current case.
    var caseScores: [String: Double] = [:]
    /// Notes of the current case, printed with a counterexample.
    var notes: [String] = []
    /// True while the runner collects statistics (generation); false while shrinking.
    var collecting = false
    /// A stateful check's label table, from its first reported case, and the current case's
    /// bits in it (`nil` until the case reports): the runner counts them per entry.
    var labelTable: CaseLabelTable?
    var caseTableBits: (kinds: UInt64, labels: UInt64)?

    init() {}

    func startCase() {
        if !caseLabels.isEmpty { caseLabels.removeAll(keepingCapacity: true) }
        caseTableBits = nil
        if !caseScores.isEmpty { caseScores.removeAll(keepingCapacity: true) }
        if !notes.isEmpty { notes.removeAll(keepingCapacity: true) }
    }

    /// Counts this case under `label` in the distribution report.
    public func label(_ label: String) {
        if collecting { caseLabels.append(label) }
    }

    /// A stateful case's labels as bits of its check's table (`CaseLabelTable.report`); the
    /// table's coverage requirements are registered with the first case.
    @usableFromInline
    func report(table: CaseLabelTable, kinds: UInt64, labels: UInt64) {
        guard collecting else { return }
        if labelTable == nil {
            labelTable = table
            for requirement in table.requirements where requirements[requirement.label] == nil {
                requirements[requirement.label] = requirement.percent / 100
            }
        }
        assert(labelTable?.entries.count == table.entries.count, "PropertyContext.report: one check reports one label table")
        caseTableBits = (kinds, labels)
    }

    /// Requires that at least `percent` % of cases have `condition` true, under `label`; the
    /// check fails if, with statistical confidence, fewer do (QuickCheck's `checkCoverage`).
    public func cover(_ percent: Double, _ label: String, _ condition: Bool) {
        guard collecting else { return }
        if requirements[label] == nil { requirements[label] = percent / 100 }
        if condition { caseLabels.append(label) }
    }

    /// Reports a score to maximize: the runner spends part of its budget mutating the
    /// highest-scoring cases (hill climbing), which finds failures random search misses.
    public func target(_ score: Double, label: String = "") {
        guard collecting, score.isFinite else { return }
        if let old = caseScores[label], old >= score { return }
        caseScores[label] = score
    }

    /// Discards the case unless `condition` holds (counted against the rejection budget).
    /// - Throws: an error the runner recognizes as a rejection, not a failure.
    public func assume(_ condition: Bool) throws {
        if !condition { throw AssumptionRejected() }
    }

    /// Adds a line to the counterexample report (shown for the final, shrunk case only).
    public func note(_ text: @autoclosure () -> String) {
        if reportingNotes { notes.append(text()) }
    }

    var reportingNotes = false
}

/// Thrown by ``PropertyContext/assume(_:)``.
struct AssumptionRejected: Error {}
