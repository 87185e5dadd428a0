import PropertyCheck
@_spi(BugZoo) import StressRun
@_spi(BugZoo) import TradingChecks

/// The executor's zoo: the production executor with one wiring bug each (`ExecutorMutation`),
/// caught by the `stress` check on generated scenarios alone (no library phase), within its
/// default budget, and shrunk to the calmest market that still breaks the property. The
/// minimum is the shrunk case's description, line by line.
enum StressMutants {
    static func safety(_ property: SafetyProperty) -> FailureSignature {
        FailureSignature(kind: "safety property violated", location: property.rawValue)
    }

    static func variant(_ name: String, _ summary: String, _ mutation: ExecutorMutation, _ property: SafetyProperty,
                        minimum: [String]) -> ZooVariant {
        ZooVariant(name, summary, minimum: minimum, signature: safety(property),
                   entry: StressChecks.entry(name: "zoo " + name, mutation: mutation))
    }

    static let variants: [ZooVariant] = [
        variant("stress/stale-conditions", "the super-state fed the previous bar's conditions (a cached feed)", .staleConditions,
                .superStateFollowsClassification, minimum: []),
        variant("stress/fill-booked-twice", "a fill that is not its order's first booked twice", .fillBookedTwice,
                .booksReconcile, minimum: []),
        variant("stress/halt-not-propagated", "the router's copy of the mode misses the halt; exits reach the venue", .haltNotPropagated,
                .noOrderWhileOffOrHalted, minimum: []),
    ]
}
