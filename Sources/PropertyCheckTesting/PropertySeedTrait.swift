import Testing

/// Pins the seed of every `propertyCheck` in a test or suite:
///
/// ```swift
/// @Test(.seed(0x2F0C_6A1B_88D4_E7C3)) func replaysTheReportedRun() { … }
/// ```
///
/// `STRESSCHECK_SEED` still overrides it, so one environment variable repeats a whole CI run.
public struct PropertySeedTrait: TestTrait, SuiteTrait, TestScoping {
    /// The pinned seed.
    public let seed: UInt64

    @TaskLocal static var current: UInt64?

    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await PropertySeedTrait.$current.withValue(seed) { try await function() }
    }
}

extension Trait where Self == PropertySeedTrait {
    /// Pins the seed of the property checks in this test or suite.
    public static func seed(_ seed: UInt64) -> PropertySeedTrait { PropertySeedTrait(seed: seed) }
}

/// Sets where the property checks of a test or suite keep their corpus, when they do not say
/// themselves (a check's explicit `corpus:` wins over the trait; the trait wins over `.package`):
///
/// ```swift
/// @Suite(.corpus(.none)) struct ExpectedFailures { … }   // nothing saved into corpus/
/// ```
public struct PropertyCorpusTrait: TestTrait, SuiteTrait, TestScoping {
    /// The corpus location.
    public let location: CorpusLocation

    @TaskLocal static var current: CorpusLocation?

    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await PropertyCorpusTrait.$current.withValue(location) { try await function() }
    }
}

extension Trait where Self == PropertyCorpusTrait {
    /// Sets the corpus of the property checks in this test or suite.
    public static func corpus(_ location: CorpusLocation) -> PropertyCorpusTrait { PropertyCorpusTrait(location: location) }
}
