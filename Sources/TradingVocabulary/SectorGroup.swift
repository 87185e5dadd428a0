/// A group of correlated sectors that share one combined hard limit.
public enum SectorGroup: String, CaseIterable, Hashable, Sendable, Codable {
    case defi, layer1, speculative

    /// `allCases`, built once.
    public static let all: [SectorGroup] = allCases

    /// Hashes the case's position rather than its raw-value string (see `Sector`).
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }

    /// The position of the group in `allCases`.
    @inlinable
    public var index: Int {
        switch self {
        case .defi: 0
        case .layer1: 1
        case .speculative: 2
        }
    }

    /// The sectors in the group.
    public var members: [Sector] {
        switch self {
        case .defi: [.defiLending, .defiDEX, .defiDerivatives, .defiStaking]
        case .layer1: [.layer1Alt, .layer1EVM]
        case .speculative: [.memeCoins, .aiTokens, .gamingMetaverse, .nftEcosystem]
        }
    }
}
