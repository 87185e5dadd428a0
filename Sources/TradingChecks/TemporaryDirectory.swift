import Foundation

/// A per-case directory for state files, on a memory file system when there is one (`/dev/shm`
/// on Linux) so that the `restart` command's real writes, syncs and renames stay cheap.
struct TemporaryDirectory {
    let path: String

    init(prefix: String) {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        path = (base as NSString).appendingPathComponent("stresscheck-\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
