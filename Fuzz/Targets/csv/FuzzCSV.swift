// fuzz-csv: MarketSim's CSV loader of bars. Any bytes go to the in-memory parser, whole and in
// chunks; what loads is validated and written back with CSVWriter, and must load again to the
// same values (CSVFuzzing lists every property). A failure prints the broken property and the
// input, and traps; libFuzzer writes the crash file.
//
// Builds with both `swift build -c release -Xswiftc -sanitize=fuzzer` and
// `swift build -c release --sanitize=fuzzer` (in Fuzz/), with the entry point in EntryPoint.swift;
// see docs/fuzzing.md, "Building".
import FuzzSupport

let target = CSVFuzzing.target

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
