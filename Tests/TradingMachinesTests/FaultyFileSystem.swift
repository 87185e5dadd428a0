import Synchronization
import TradingMachines

/// A real file system that fails at one chosen step of an atomic write, as a crash or a full
/// disk would. At `.write` it first writes half the bytes, like a write cut short.
final class FaultyFileSystem: StateFileSystem {
    let real = POSIXFileSystem()
    let failing = Mutex<WriteStep?>(nil)

    func fail(at step: WriteStep?) { failing.withLock { $0 = step } }

    func check(_ step: WriteStep) throws(FileSystemFailure) {
        if failing.withLock({ $0 }) == step { throw FileSystemFailure(operation: step.rawValue, path: "injected", errno: 5) }
    }

    func readFile(atPath path: String) throws(FileSystemFailure) -> [UInt8]? { try real.readFile(atPath: path) }

    func createExclusive(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        try check(.createTemporary)
        return try real.createExclusive(atPath: path)
    }

    func write(_ bytes: [UInt8], to handle: FileHandleID) throws(FileSystemFailure) {
        if failing.withLock({ $0 }) == .write {
            try real.write(Array(bytes.prefix(bytes.count / 2)), to: handle)
            throw FileSystemFailure(operation: "write", path: "injected", errno: 28)
        }
        try real.write(bytes, to: handle)
    }

    func sync(_ handle: FileHandleID) throws(FileSystemFailure) {
        try check(.sync)
        try real.sync(handle)
    }

    func close(_ handle: FileHandleID) throws(FileSystemFailure) {
        if failing.withLock({ $0 }) == .close {
            try real.close(handle)  // the descriptor is released either way, as POSIX close does
            throw FileSystemFailure(operation: "close", path: "injected", errno: 5)
        }
        try real.close(handle)
    }

    func rename(_ source: String, to destination: String) throws(FileSystemFailure) {
        try check(.rename)
        try real.rename(source, to: destination)
    }

    func syncDirectory(atPath path: String) throws(FileSystemFailure) {
        try check(.syncDirectory)
        try real.syncDirectory(atPath: path)
    }

    func removeFile(atPath path: String) { real.removeFile(atPath: path) }
}
