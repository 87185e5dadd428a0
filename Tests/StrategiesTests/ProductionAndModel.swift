import StrategyVocabulary
import Testing

/// Runs `events` through a production strategy (`handle`) and its model (`apply`), expecting
/// the same actions and transitions after every event; returns production's steps.
func runProductionAndModel(
    _ events: [StrategyEvent], production handle: (StrategyEvent, inout StrategyStep) -> Void, model apply: (StrategyEvent) -> StrategyStep,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [StrategyStep] {
    events.map { event in
        var step = StrategyStep()
        handle(event, &step)
        let expected = apply(event)
        #expect(step.actions == expected.actions, "\(event)", sourceLocation: sourceLocation)
        #expect(step.transitions == expected.transitions, "\(event)", sourceLocation: sourceLocation)
        return step
    }
}
