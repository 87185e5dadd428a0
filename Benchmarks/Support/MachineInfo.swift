import Foundation

/// What the benchmarks measure on, printed with every table: the CPU model, the core count and
/// the load average (these machines are shared; figures without them mean little).
public func machineInfo() -> String {
    let cpu =
        (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, load \(load)"
}
