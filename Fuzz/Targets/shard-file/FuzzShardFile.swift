// fuzz-shard-file: the reader of stress shard files (JSON Lines, `stresscheck merge`). Any bytes
// go to `ShardFile(parsing:)` and must give a file or a typed error with a line of the input,
// never a trap; a file that reads must write back to itself (ShardFileFuzzing lists every
// property). A failure prints the broken property and the input, and traps; libFuzzer writes
// the crash file.
import FuzzSupport

let target = ShardFileFuzzing.target

/// Before libFuzzer installs its signal handlers: give the traps back to libFuzzer.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutableRawPointer?) -> Int32 {
    FuzzProcess.initialize()
    _ = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    target.test(data, size)
}
