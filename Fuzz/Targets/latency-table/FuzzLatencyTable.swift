// fuzz-latency-table: the reader of latency tables (`certify --latency-table`, `stresscheck
// merge`). Any bytes must give a histogram or a typed `LatencyTableError` naming a line, never a
// trap; a table that reads is exactly what its histogram writes, its percentiles are ordered, and
// it merges with itself (LatencyTableFuzzing lists every property). A failure prints the broken
// property and the input, and traps; libFuzzer writes the crash file.
import FuzzSupport

let target = LatencyTableFuzzing.target

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
