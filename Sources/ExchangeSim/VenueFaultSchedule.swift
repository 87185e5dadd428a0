import MarketSim

/// A span of a run, as offsets from its start.
public struct FaultWindow: Hashable, Sendable {
    public var start: SimDuration
    public var length: SimDuration
    public init(start: SimDuration, length: SimDuration) {
        self.start = start
        self.length = length
    }
    public var end: SimDuration { start + length }
    /// Whether `offset` falls inside the window (start included, end excluded).
    public func contains(_ offset: SimDuration) -> Bool { offset >= start && offset < end }
}

/// When one run's link is down, its reject storms rage and its client's book is stale: windows
/// drawn over the run's horizon, sorted by start (they may overlap). All-zero choices: none.
public struct VenueFaultSchedule: Hashable, Sendable {
    public let horizon: SimDuration
    public let disconnects: [FaultWindow]
    public let rejectStorms: [FaultWindow]
    public let staleBooks: [FaultWindow]

    /// Draws, per kind, a count (0 … its bound), then per window a start (inside the horizon)
    /// and a length (at least 1 ms, at most its bound, clipped to the horizon).
    public init<Source: ChoiceSource>(bounds: VenueFaultBounds = VenueFaultBounds(), horizon: SimDuration, from source: inout Source)
        throws(VenueFaultBoundsError)
    {
        try bounds.validate()
        let span = max(horizon, .zero)
        self.horizon = span
        disconnects = Self.windows(upTo: bounds.maxDisconnects, longest: bounds.maxDisconnectLength, horizon: span, from: &source)
        rejectStorms = Self.windows(upTo: bounds.maxRejectStorms, longest: bounds.maxRejectStormLength, horizon: span, from: &source)
        staleBooks = Self.windows(upTo: bounds.maxStaleWindows, longest: bounds.maxStaleLength, horizon: span, from: &source)
    }

    /// A schedule written out, for scripted faults (the certification's broker-failure tests):
    /// each kind's windows, sorted by start. Windows must lie within the horizon and be at
    /// least 1 ns long.
    ///
    /// - Returns: nil when a window is empty, negative or past the horizon.
    public init?(horizon: SimDuration, disconnects: [FaultWindow] = [], rejectStorms: [FaultWindow] = [], staleBooks: [FaultWindow] = []) {
        guard horizon >= .zero else { return nil }
        for window in disconnects + rejectStorms + staleBooks where window.start < .zero || window.length <= .zero || window.end > horizon {
            return nil
        }
        self.horizon = horizon
        let order: (FaultWindow, FaultWindow) -> Bool = { ($0.start, $0.length) < ($1.start, $1.length) }
        self.disconnects = disconnects.sorted(by: order)
        self.rejectStorms = rejectStorms.sorted(by: order)
        self.staleBooks = staleBooks.sorted(by: order)
    }

    /// The first instant after `offset` at which a window opens or closes, if any.
    /// Asked at least once per bar by the executor: the three lists are walked in place, with no
    /// array built (concatenating them, and an array of two edges per window, cost more than the
    /// rest of the bar's venue time).
    public func nextChange(after offset: SimDuration) -> SimDuration? {
        var next: SimDuration?
        Self.earliestEdge(of: disconnects, after: offset, into: &next)
        Self.earliestEdge(of: rejectStorms, after: offset, into: &next)
        Self.earliestEdge(of: staleBooks, after: offset, into: &next)
        return next
    }

    /// Lowers `next` to the earliest start or end of `windows` after `offset`.
    private static func earliestEdge(of windows: [FaultWindow], after offset: SimDuration, into next: inout SimDuration?) {
        for window in windows {
            if window.start > offset, next.map({ window.start < $0 }) ?? true { next = window.start }
            let end = window.end
            if end > offset, next.map({ end < $0 }) ?? true { next = end }
        }
    }

    public func isDisconnected(at offset: SimDuration) -> Bool { disconnects.contains { $0.contains(offset) } }
    public func isRejectStorm(at offset: SimDuration) -> Bool { rejectStorms.contains { $0.contains(offset) } }
    public func isBookStale(at offset: SimDuration) -> Bool { staleBooks.contains { $0.contains(offset) } }

    private static func windows<Source: ChoiceSource>(upTo maxCount: Int, longest: SimDuration, horizon: SimDuration, from source: inout Source)
        -> [FaultWindow]
    {
        let count = Int(source.choose(upTo: UInt64(max(maxCount, 0))))
        guard count > 0, horizon > .zero else { return [] }
        let shortest = min(SimDuration.milliseconds(1), longest)
        var windows: [FaultWindow] = []
        for _ in 0..<count {
            let start = VenueFaults.scaled(horizon, by: source.choose(upTo: 1_000))
            let drawn = shortest + VenueFaults.scaled(SimDuration(nanoseconds: longest.nanoseconds - shortest.nanoseconds), by: source.choose(upTo: 1_000))
            let length = SimDuration(nanoseconds: min(drawn.nanoseconds, horizon.nanoseconds - start.nanoseconds))
            if length > .zero { windows.append(FaultWindow(start: start, length: length)) }
        }
        return windows.sorted { ($0.start, $0.length) < ($1.start, $1.length) }
    }
}
