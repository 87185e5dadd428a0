import Foundation

/// Whether valgrind is installed (allocation counts need it).
public let hasValgrind = FileManager.default.isExecutableFile(atPath: "/usr/bin/valgrind")

/// The heap allocations (valgrind memcheck's "total heap usage") of this executable rerun with
/// `arguments`; nil without valgrind. A benchmark runs a workload of N and of 10 × N under it:
/// equal counts mean no allocation per operation once warmed up.
public func heapAllocations(rerunningWith arguments: [String]) -> Int? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/valgrind")
    process.arguments = ["--tool=memcheck", "--leak-check=no", CommandLine.arguments[0]] + arguments
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
