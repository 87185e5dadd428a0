// fuzz-state-file: the state files' decoder. Any bytes go to both stores' decode (no disk);
// a snapshot that decodes must re-encode to a file that decodes to it again, byte-stable and
// byte-identical to Foundation's JSONEncoder output. A failure prints the broken property and
// the input, and traps; libFuzzer writes the crash file.
//
// Builds with both `swift build -c release -Xswiftc -sanitize=fuzzer` and
// `swift build -c release --sanitize=fuzzer` (in Fuzz/), with the entry point in EntryPoint.swift;
// see docs/fuzzing.md, "Building".
import FuzzSupport

let target = StateFileFuzzing.target

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
