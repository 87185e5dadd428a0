// fuzz-market: MarketSim driven by libFuzzer's bytes. The bytes are the choice stream a whole
// crash scenario is drawn from (model, crash, symbols, transformers, every bar's noise), exactly
// as MarketGen draws it in a property; MarketFuzzing lists the promises each run must keep. A
// failure prints the shrunk, calmest scenario that breaks one, and traps; libFuzzer writes the
// crash file.
import FuzzSupport

let target = MarketFuzzing.target

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
