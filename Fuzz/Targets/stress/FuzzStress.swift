// fuzz-stress: whole stress runs (strategy → risk stack → simulated exchange) over generated
// crash scenarios and the scenario library, checked for the safety and liveness properties.
// libFuzzer's bytes go through the same choice stream and the same check as `swift test` and
// `stresscheck check stress`; a failure prints the shrunk scenario and traps, and libFuzzer
// writes the crash file.
//
// Builds with both `swift build -c release -Xswiftc -sanitize=fuzzer` and
// `swift build -c release --sanitize=fuzzer` (in Fuzz/), with the entry point in EntryPoint.swift;
// see docs/fuzzing.md, "Building".
import FuzzCore

let target = FuzzTarget.machine("stress")

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
