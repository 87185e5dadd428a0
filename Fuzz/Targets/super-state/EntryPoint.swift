// The entry point, in a file of its own: with two source files and no main.swift, the compiler
// makes no implicit `main` in either build mode (a single file would be compiled as a script).
import FuzzCore

/// The entry point under `-Xswiftc -sanitize=fuzzer`, where SwiftPM links `main` to
/// `<module>_main`: it starts libFuzzer with `LLVMFuzzerRunDriver`. (Under `--sanitize=fuzzer`
/// libFuzzer's own `main` runs instead, and this function is not called.)
@_cdecl("fuzz_super_state_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzProcess.runDriver(argc, argv, fuzzerTestOneInput)
}
