// fuzz-journal: the transaction journal's reader (`JournalReader.replay`). Any bytes must give a
// replay or a typed `JournalError`, never a trap, and never a read past the input; a corruption
// is named at a record boundary; whatever replays re-encodes, and is written by the writer, to
// the same bytes (JournalFuzzing lists every property). A failure prints the broken property
// and the input, and traps; libFuzzer writes the crash file.
import FuzzSupport

let target = JournalFuzzing.target

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
