import MarketSim

/// The code version a shard file records, so that shards of different code are never merged.
///
/// `STRESSCHECK_CODE_VERSION` from the environment when it is set and not empty (the campaign
/// files set it to the commit: `${{ github.sha }}`, the image's build argument, `git rev-parse
/// HEAD`); otherwise ``fallback``, which names only the versions of the formats and of the
/// simulation. A build-time commit constant would need a build plugin or a generated source,
/// and the package keeps no build steps of its own: the engines that run campaigns know the
/// commit, so they pass it.
public enum CodeVersion {
    /// The environment variable read.
    public static let variable = "STRESSCHECK_CODE_VERSION"

    /// What is recorded when the variable is not set.
    public static var fallback: String { "unversioned (simulation v\(CrashSimulator.version), shard format v\(ShardFile.formatVersion))" }

    /// The version from `environment`.
    public static func current(_ environment: [String: String]) -> String {
        if let value = environment[variable], !value.isEmpty { return value }
        return fallback
    }
}
