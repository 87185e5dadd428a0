/// The 19 market sectors that sector caps limit exposure by.
public enum Sector: String, CaseIterable, Hashable, Sendable, Codable {
    case bitcoin, ethereum, stablecoins, layer1Alt, layer1EVM, layer2
    case defiLending, defiDEX, defiDerivatives, defiStaking
    case exchangeTokens, oracles, gamingMetaverse, nftEcosystem, memeCoins, aiTokens
    case privacyCoins, infrastructure, other

    /// `allCases`, built once (the synthesized `allCases` builds a new array on every call).
    public static let all: [Sector] = allCases

    /// Hashes the case's position rather than its raw-value string (the `RawRepresentable`
    /// default), so that dictionary lookups by sector cost a few instructions.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }

    /// The position of the sector in `allCases`, for array-indexed bookkeeping.
    @inlinable
    public var index: Int {
        switch self {
        case .bitcoin: 0
        case .ethereum: 1
        case .stablecoins: 2
        case .layer1Alt: 3
        case .layer1EVM: 4
        case .layer2: 5
        case .defiLending: 6
        case .defiDEX: 7
        case .defiDerivatives: 8
        case .defiStaking: 9
        case .exchangeTokens: 10
        case .oracles: 11
        case .gamingMetaverse: 12
        case .nftEcosystem: 13
        case .memeCoins: 14
        case .aiTokens: 15
        case .privacyCoins: 16
        case .infrastructure: 17
        case .other: 18
        }
    }

    /// The correlated group the sector belongs to, if any.
    @inlinable
    public var group: SectorGroup? {
        switch self {
        case .defiLending, .defiDEX, .defiDerivatives, .defiStaking: .defi
        case .layer1Alt, .layer1EVM: .layer1
        case .memeCoins, .aiTokens, .gamingMetaverse, .nftEcosystem: .speculative
        default: nil
        }
    }
}
