/// What ``DataValidator`` found: every fault, sorted by symbol, then bar, then kind (in the order
/// of ``DataFaultKind/allCases``).
public struct ValidationReport: Hashable, Sendable, CustomStringConvertible {
    /// Every fault found, sorted.
    public private(set) var faults: [DataFault]
    /// How many bars were checked.
    public private(set) var barCount: Int
    /// The series too short to look for spikes in (fewer returns than
    /// `ValidationOptions.spikeMinimumReturns`): clean of spikes only because none was looked
    /// for, which a report says rather than passing them in silence.
    public private(set) var spikesNotChecked: [SpikesNotChecked]
    /// Long steps that were not reported as gaps because they are the nights, weekends and
    /// holidays of data that trades in daily sessions (`SessionBreaks`, docs/market-data.md).
    public private(set) var sessionBreaks: Int

    /// A series whose spikes were not looked for.
    public struct SpikesNotChecked: Hashable, Sendable {
        public var symbol: String
        /// The returns it has.
        public var returns: Int
        /// The returns a spike check needs.
        public var needed: Int

        public init(symbol: String, returns: Int, needed: Int) {
            self.symbol = symbol
            self.returns = returns
            self.needed = needed
        }
    }

    /// A report of `faults` (sorted here) over `barCount` bars.
    public init(faults: [DataFault] = [], barCount: Int = 0, spikesNotChecked: [SpikesNotChecked] = [], sessionBreaks: Int = 0) {
        self.faults = faults.sorted(by: ValidationReport.precedes)
        self.barCount = barCount
        self.spikesNotChecked = spikesNotChecked
        self.sessionBreaks = sessionBreaks
    }

    /// True when no fault was found.
    public var isClean: Bool { faults.isEmpty }

    /// The faults of `kind`, in order.
    public func faults(of kind: DataFaultKind) -> [DataFault] { faults.filter { $0.kind == kind } }

    /// How many faults of each kind were found (kinds not found are absent).
    public var countsByKind: [DataFaultKind: Int] {
        faults.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }

    /// Adds the faults and bars of `other` (another symbol's report).
    public mutating func merge(_ other: ValidationReport) {
        faults = (faults + other.faults).sorted(by: ValidationReport.precedes)
        barCount += other.barCount
        spikesNotChecked += other.spikesNotChecked
        sessionBreaks += other.sessionBreaks
    }

    /// `clean (N bars)`, or one line per fault.
    public var description: String {
        guard !isClean else { return "clean (\(barCount) bar\(barCount == 1 ? "" : "s"))" }
        return faults.map(\.description).joined(separator: "\n")
    }

    /// The report's order: symbol, bar index, kind.
    static func precedes(_ a: DataFault, _ b: DataFault) -> Bool {
        if a.symbol != b.symbol { return a.symbol < b.symbol }
        if a.barIndex != b.barIndex { return a.barIndex < b.barIndex }
        return a.kind.order < b.kind.order
    }
}

extension DataFaultKind {
    /// The kind's position in ``allCases``.
    var order: Int { DataFaultKind.allCases.firstIndex(of: self) ?? 0 }
}
