// fuzz-super-state: The super-state machine: libFuzzer's bytes through the same choice stream and differential check as swift test.
// Built with `swift build -c release -Xswiftc -sanitize=fuzzer` (or `--sanitize=fuzzer`) in Fuzz/.
import FuzzSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let target = FuzzTarget.machine("super-state")

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutableRawPointer?) -> Int32 {
    FuzzProcess.initialize()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    target.test(data, size)
}

// SwiftPM renames a top-level `main` under `-Xswiftc -sanitize=fuzzer` and never starts
// libFuzzer, so the top-level code starts it itself (see docs/fuzzing.md).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
