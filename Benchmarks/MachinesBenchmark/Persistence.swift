import Foundation
import Synchronization
import TradingMachines
import TradingVocabulary

/// A `StateFileSystem` in memory: saving and loading through it costs the codec and the
/// atomic-write bookkeeping only, so the figures do not drown in `fsync`'s milliseconds.
final class MemoryFileSystem: StateFileSystem {
    private struct Files {
        var contents: [String: [UInt8]] = [:]
        var open: [Int32: String] = [:]
        var nextHandle: Int32 = 3
    }

    private let files = Mutex(Files())

    func readFile(atPath path: String) throws(FileSystemFailure) -> [UInt8]? { files.withLock { $0.contents[path] } }

    func createExclusive(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        let handle: Int32? = files.withLock { files in
            guard files.contents[path] == nil else { return nil }
            let handle = files.nextHandle
            files.nextHandle += 1
            files.contents[path] = []
            files.open[handle] = path
            return handle
        }
        guard let handle else { throw FileSystemFailure(operation: "open", path: path, errno: 17) }
        return FileHandleID(rawValue: handle)
    }

    func write(_ bytes: [UInt8], to handle: FileHandleID) throws(FileSystemFailure) {
        files.withLock { files in
            if let path = files.open[handle.rawValue] { files.contents[path, default: []] += bytes }
        }
    }

    func sync(_ handle: FileHandleID) throws(FileSystemFailure) {}

    func close(_ handle: FileHandleID) throws(FileSystemFailure) { _ = files.withLock { $0.open.removeValue(forKey: handle.rawValue) } }

    func rename(_ source: String, to destination: String) throws(FileSystemFailure) {
        files.withLock { files in
            if let bytes = files.contents.removeValue(forKey: source) { files.contents[destination] = bytes }
        }
    }

    func syncDirectory(atPath path: String) throws(FileSystemFailure) {}

    func removeFile(atPath path: String) { _ = files.withLock { $0.contents.removeValue(forKey: path) } }

    func size(of path: String) -> Int { files.withLock { $0.contents[path]?.count ?? 0 } }
}

/// Save and load times of the two state files, per operation (the risk stack's `restart`
/// saves and loads both).
enum PersistenceBenchmark {
    /// A super-state that went through every kind of transition: 12 history entries, a
    /// classification, one confirmation towards recovery.
    static func typicalSuperState() -> SuperStateSnapshot {
        var machine = PortfolioSuperState()
        let conditions: [(Double, Double, Double)] = [
            (0.04, 0, 1), (0.07, 0, 1), (0, 0, 1), (0.5, 0, 1), (0, 0, 1), (0, 0, 1), (0, 0, 1), (0, 0, 1), (0.04, 0, 1),
        ]
        for (volatility, drawdown, liquidity) in conditions { _ = try? machine.update(volatility: volatility, drawdown: drawdown, liquidity: liquidity) }
        _ = machine.halt()
        _ = try? machine.resume()
        _ = try? machine.update(volatility: 0.5, drawdown: 0, liquidity: 1)
        _ = machine.halt()
        _ = try? machine.resume()
        _ = try? machine.update(volatility: 0.01, drawdown: 0.06, liquidity: 1)
        return machine.snapshot
    }

    /// A super-state with a long history: 30 round trips between NORMAL and CAUTIOUS after
    /// the typical one.
    static func longSuperState() -> SuperStateSnapshot {
        guard var machine = try? PortfolioSuperState(restoring: typicalSuperState()) else { return typicalSuperState() }
        _ = try? machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        for _ in 0..<30 {
            _ = try? machine.update(volatility: 0.04, drawdown: 0, liquidity: 1)
            _ = try? machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        }
        return machine.snapshot
    }

    /// A trading mode that went live, was halted, paused and restarted: 6 history entries.
    static func typicalTradingMode() -> TradingModeSnapshot {
        var mode = TradingMode()
        _ = mode.enableDryRun()
        _ = mode.goLive(confirmed: true)
        _ = mode.setHalted(true)
        _ = mode.setHalted(false)
        _ = mode.goLive(confirmed: true)
        _ = mode.pause()
        _ = mode.stop()
        return mode.snapshot
    }

    struct Timing {
        var name: String
        var bytes: Int
        var saveMicros: Double
        var loadMicros: Double
    }

    /// Mean µs per save and per load over `iterations` of each, after a warm-up.
    static func time<Snapshot: PersistableSnapshot>(_ store: StateStore<Snapshot>, _ snapshot: Snapshot, iterations: Int) -> (save: Double, load: Double) {
        for _ in 0..<max(iterations / 10, 1) {
            try? store.save(snapshot)
            _ = try? store.load()
        }
        let t0 = monotonicNanoseconds()
        for _ in 0..<iterations { try? store.save(snapshot) }
        let t1 = monotonicNanoseconds()
        var loaded = 0
        for _ in 0..<iterations where (try? store.load()) == snapshot { loaded += 1 }
        let t2 = monotonicNanoseconds()
        precondition(loaded == iterations, "a load did not give the saved snapshot back")
        return (Double(t1 - t0) / Double(iterations) / 1e3, Double(t2 - t1) / Double(iterations) / 1e3)
    }

    /// Mean µs per encode and per decode of the file's bytes alone: no file system.
    static func timeCodec<Snapshot: PersistableSnapshot>(_ store: StateStore<Snapshot>, _ snapshot: Snapshot, iterations: Int) -> (save: Double, load: Double) {
        let bytes = store.encode(snapshot)
        var total = 0
        let t0 = monotonicNanoseconds()
        for _ in 0..<iterations { total &+= store.encode(snapshot).count }
        let t1 = monotonicNanoseconds()
        var decoded = 0
        for _ in 0..<iterations where (try? store.decode(bytes)) == snapshot { decoded += 1 }
        let t2 = monotonicNanoseconds()
        precondition(decoded == iterations && total == bytes.count * iterations, "the codec did not round-trip")
        return (Double(t1 - t0) / Double(iterations) / 1e3, Double(t2 - t1) / Double(iterations) / 1e3)
    }

    static func run() -> [Timing] {
        let memory = MemoryFileSystem()
        let superState = typicalSuperState()
        let tradingMode = typicalTradingMode()
        let superStore = SuperStateStore(path: "/memory/super-state.json", fileSystem: memory)
        let modeStore = TradingModeStore(path: "/memory/trading-mode.json", fileSystem: memory)
        let superInMemory = time(superStore, superState, iterations: 50_000)
        let modeInMemory = time(modeStore, tradingMode, iterations: 50_000)
        let long = longSuperState()
        let longStore = SuperStateStore(path: "/memory/long-super-state.json", fileSystem: memory)
        let longInMemory = time(longStore, long, iterations: 10_000)
        var timings = [
            Timing(
                name: "super-state (\(superState.history.count) transitions), in memory", bytes: memory.size(of: superStore.path),
                saveMicros: superInMemory.save, loadMicros: superInMemory.load),
            Timing(
                name: "trading mode (\(tradingMode.history.count) transitions), in memory", bytes: memory.size(of: modeStore.path),
                saveMicros: modeInMemory.save, loadMicros: modeInMemory.load),
            Timing(
                name: "super-state (\(long.history.count) transitions), in memory", bytes: memory.size(of: longStore.path),
                saveMicros: longInMemory.save, loadMicros: longInMemory.load),
        ]
        let superCodec = timeCodec(superStore, superState, iterations: 50_000)
        timings.append(
            Timing(
                name: "super-state, codec alone (encode / decode bytes)", bytes: timings[0].bytes,
                saveMicros: superCodec.save, loadMicros: superCodec.load))
        // Real files: on tmpfs (where the checks' `restart` writes them) and on the temporary
        // directory's file system, with the atomic write's two fsyncs.
        var directories = [(label: "tmpfs /dev/shm", base: "/dev/shm")]
        directories.append((label: "\(NSTemporaryDirectory()) (fsync)", base: NSTemporaryDirectory()))
        for (label, base) in directories where FileManager.default.fileExists(atPath: base) {
            let directory = (base as NSString).appendingPathComponent("machines-benchmark-\(UUID().uuidString)")
            guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil else { continue }
            let onDisk = time(SuperStateStore(path: directory + "/super-state.json"), superState, iterations: base == "/dev/shm" ? 20_000 : 300)
            timings.append(Timing(name: "super-state, file on \(label)", bytes: timings[0].bytes, saveMicros: onDisk.save, loadMicros: onDisk.load))
            try? FileManager.default.removeItem(atPath: directory)
        }
        return timings
    }

    /// Table rows: µs per save and per load.
    static func rows(_ timings: [Timing]) -> [String] {
        timings.map { timing in
            "| state file \(timing.name), \(timing.bytes) bytes: save / load | \(String(format: "%.2f µs / %.2f µs", timing.saveMicros, timing.loadMicros)) | | |"
        }
    }
}
