// fuzz-position: the position machine (NORMAL / DRAIN / FORCED_UNWIND).
// libFuzzer's bytes go through the same choice stream and the same check as `swift test`; a
// failure prints the shrunk counterexample and traps, and libFuzzer writes the crash file.
//
// Builds with both `swift build -c release -Xswiftc -sanitize=fuzzer` and
// `swift build -c release --sanitize=fuzzer` (in Fuzz/), with the entry point in EntryPoint.swift;
// see docs/fuzzing.md, "Building".
import FuzzCore

let target = FuzzTarget.machine("position")

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
