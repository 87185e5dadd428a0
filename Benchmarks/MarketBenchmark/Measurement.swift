import Foundation

/// A timing: how many items in how many seconds, best of several repetitions.
struct Timing {
    var items: Int
    var seconds: Double
    var checksum: UInt64
    var perSecond: Double { Double(items) / seconds }
}

func seconds(_ duration: Duration) -> Double {
    let (s, atto) = duration.components
    return Double(s) + Double(atto) * 1e-18
}

/// Doubles the number of chunks until one run takes `minimumSeconds`, then keeps the best of
/// `repetitions` runs of that length (the least disturbed on a shared machine).
func measure(_ workload: Workload, minimumSeconds: Double, repetitions: Int) -> Timing {
    let clock = ContinuousClock()
    var chunks = 1
    var checksum: UInt64 = 0
    while true {
        let start = clock.now
        checksum = workload.run(chunks: chunks)
        if seconds(clock.now - start) >= minimumSeconds || chunks >= 1 << 20 { break }
        chunks *= 2
    }
    var best = Double.infinity
    for _ in 0..<repetitions {
        let start = clock.now
        checksum &+= workload.run(chunks: chunks)
        best = min(best, seconds(clock.now - start))
    }
    return Timing(items: chunks * workload.chunk, seconds: best, checksum: checksum)
}

/// The heap allocations (valgrind memcheck's "total heap usage") of this executable running
/// `workload` for `chunks` chunks; nil without valgrind.
func valgrindAllocations(_ workload: Workload, chunks: Int) -> Int? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/valgrind")
    process.arguments = ["--tool=memcheck", "--leak-check=no", CommandLine.arguments[0], "--allocs", workload.rawValue, "\(chunks)"]
    let pipe = Pipe()
    process.standardError = pipe
    process.standardOutput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let line = text.split(separator: "\n").first(where: { $0.contains("total heap usage") }) else { return nil }
    let fields = line.split(separator: " ")
    guard let index = fields.firstIndex(of: "allocs,") else { return nil }
    return Int(fields[index - 1].replacingOccurrences(of: ",", with: ""))
}

/// CPU model, core count and load average (other builds may share the machine).
func machineInfo() -> String {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    return "\(cpu), nproc \(ProcessInfo.processInfo.activeProcessorCount), load average \(load)"
}

/// `12.34 M/s` or `567 k/s`.
func rate(_ perSecond: Double) -> String {
    perSecond >= 1e6 ? String(format: "%.2f M/s", perSecond / 1e6) : String(format: "%.0f k/s", perSecond / 1e3)
}
