/// A source that records every choice another source makes, so the run can be replayed exactly.
///
/// ```swift
/// var recording = RecordingChoices(SeededChoices(seed: 42))
/// let first = try simulate(…, choices: &recording)
/// var replay = ReplayedChoices(recording.choices)
/// let second = try simulate(…, choices: &replay)   // bit for bit the same as `first`
/// ```
public struct RecordingChoices<Base: ChoiceSource>: ChoiceSource {
    /// The source being recorded.
    public var base: Base
    /// Every choice made so far, in order.
    public private(set) var choices: [UInt64] = []

    public init(_ base: Base) { self.base = base }

    public mutating func choose(upTo bound: UInt64) -> UInt64 {
        let value = min(base.choose(upTo: bound), bound)
        choices.append(value)
        return value
    }
}

extension RecordingChoices: Sendable where Base: Sendable {}

/// A source that replays recorded choices; past their end every choice is zero (calm), and a
/// recorded value above the bound asked for reads as the bound.
public struct ReplayedChoices: ChoiceSource, Sendable {
    public let recorded: [UInt64]
    /// How many choices have been read.
    public private(set) var position: Int = 0

    public init(_ recorded: [UInt64]) { self.recorded = recorded }

    /// Whether the replay asked for more choices than were recorded.
    public var ranPastEnd: Bool { position > recorded.count }

    public mutating func choose(upTo bound: UInt64) -> UInt64 {
        defer { position += 1 }
        guard position < recorded.count else { return 0 }
        return min(recorded[position], bound)
    }
}
