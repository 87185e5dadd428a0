import Foundation

/// A report file (`stress --output/--html`, `merge --output`, `certify`'s reports,
/// `simulate --csv`): checked before anything runs, written whole and renamed into place, so
/// that a failed or interrupted command never leaves a partial file or overwrites a good one.
///
/// The target must be a regular file or not exist yet; a symbolic link is followed (the file it
/// names is replaced, the link kept). A directory, a device, a pipe or a socket is refused:
/// renaming over `/dev/stdout` would replace the device node, not write to it.
struct OutputFile {
    /// The path as given (for messages).
    let path: String
    /// The path written: `path` with a symbolic link resolved and its directory made
    /// canonical (so two spellings of one file are one target).
    let target: String

    /// `path`, once its target is a regular file or absent and a file can be created in its
    /// directory.
    /// - Parameter streams: the descriptors whose files must not be replaced (the standard
    ///   output and error), by what they are called.
    static func checked(_ path: String, streams: [(descriptor: Int32, name: String)] = [(0, "input"), (1, "output"), (2, "error")]) throws(UsageError)
        -> OutputFile
    {
        guard !path.isEmpty else { throw UsageError("an output file needs a name") }
        if let stream = standardStreams[path] {
            throw UsageError("cannot write '\(path)': it is the standard \(stream); the file is written whole and renamed into place, so give a file name")
        }
        // A name that ends as a directory does ('results/', '.', '..'): without this the
        // canonical path below would drop the slash and write a file named 'results'.
        let last = (path as NSString).lastPathComponent
        if path.hasSuffix("/") || last == "." || last == ".." {
            throw UsageError("cannot write '\(path)': it names a directory; give a file name")
        }
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw UsageError("cannot write '\(path)': it is a symbolic link to nothing (\(String(cString: strerror(errno))))")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        if stat(target, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else {
                let what = kind == S_IFDIR ? "a directory" : kind == S_IFCHR || kind == S_IFBLK ? "a device" : kind == S_IFIFO ? "a pipe" : "not a regular file"
                throw UsageError("cannot write '\(path)': it is \(what); give a file name")
            }
        }
        let directory = (target as NSString).deletingLastPathComponent
        let parent = directory.isEmpty ? "." : directory
        guard stat(parent, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw UsageError("cannot write '\(path)': its directory '\(parent)' does not exist")
        }
        // Stdout redirected to a file is that file (through /proc/self/fd/1, say): replacing it
        // would lose the summary printed there.
        if stat(target, &info) == 0 {
            for (descriptor, stream) in streams {
                var streamInfo = stat()
                if fstat(descriptor, &streamInfo) == 0, info.st_dev == streamInfo.st_dev, info.st_ino == streamInfo.st_ino {
                    throw UsageError("cannot write '\(path)': it is the file the standard \(stream) goes to; give another file name")
                }
            }
        }
        // The directory's canonical path: two spellings of one new file ('./a', 'sub/../a', an
        // absolute path) are then one target, and `refuseSharedTargets` sees it.
        if let resolved = realpath(parent, nil) {
            target = (String(cString: resolved) as NSString).appendingPathComponent((target as NSString).lastPathComponent)
            free(resolved)
        }
        // A file is created there and removed: the only test that holds for every file system
        // (`/proc` is writable to root, yet takes no new file).
        let file = OutputFile(path: path, target: target)
        let probe = file.createTemporary()
        guard probe >= 0 else {
            throw UsageError("cannot write '\(path)': no file can be created in '\(parent)' (\(String(cString: strerror(errno))))")
        }
        close(probe)
        unlink(file.temporary)
        return file
    }

    /// The names of the process's standard streams, refused by name: renaming over them would
    /// replace the device node (or the link), not write to the stream.
    static let standardStreams: [String: String] = [
        "/dev/stdin": "input", "/dev/fd/0": "input", "/proc/self/fd/0": "input",
        "-": "output", "/dev/stdout": "output", "/dev/fd/1": "output", "/proc/self/fd/1": "output",
        "/dev/stderr": "error", "/dev/fd/2": "error", "/proc/self/fd/2": "error",
    ]

    /// The file written before the rename: beside the target, named for this process.
    var temporary: String { target + ".partial-\(ProcessInfo.processInfo.processIdentifier)" }

    /// Creates `temporary` afresh for writing: one a killed process of the same id left behind
    /// is removed first. A descriptor, or −1 with `errno` set.
    func createTemporary() -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC
        let descriptor = open(temporary, flags, 0o644)
        guard descriptor < 0, errno == EEXIST, unlink(temporary) == 0 else { return descriptor }
        return open(temporary, flags, 0o644)
    }

    /// Whether `other` names the file this writes (the same inode, when both exist).
    func isSameFile(as other: String) -> Bool {
        var mine = stat()
        var theirs = stat()
        guard stat(target, &mine) == 0, stat(other, &theirs) == 0 else { return false }
        return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino
    }

    /// Refuses two options naming one file (by path or, when it exists, by inode): one report
    /// would silently overwrite the other.
    static func refuseSharedTargets(_ named: [(option: String, file: OutputFile?)]) throws(UsageError) {
        let files = named.compactMap { entry in entry.file.map { (entry.option, $0) } }
        for (index, first) in files.enumerated() {
            for second in files[(index + 1)...] where first.1.target == second.1.target || first.1.isSameFile(as: second.1.target) {
                throw UsageError("\(first.0) and \(second.0) name the same file '\(first.1.path)': one would overwrite the other")
            }
        }
    }

    /// Writes `bytes` to a new temporary file beside the target, then renames it over the target.
    func write(_ bytes: [UInt8]) throws(UsageError) {
        let descriptor = createTemporary()
        guard descriptor >= 0 else {
            throw UsageError("cannot write '\(path)': creating '\(temporary)' failed: \(String(cString: strerror(errno)))")
        }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }  // nothing to write
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += count
            }
        }
        // Closing reports a deferred write error (NFS, a full disk): it counts as one.
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw UsageError("cannot write '\(path)': writing '\(temporary)' failed: \(failure)")
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            let left = unlink(temporary) == 0 ? "" : " (and '\(temporary)' is left behind: \(String(cString: strerror(errno))))"
            throw UsageError("cannot rename '\(temporary)' to '\(target)': \(reason)\(left)")
        }
    }
}
