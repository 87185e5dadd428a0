// corpus-seeds: regenerates corpus/<machine>/zoo-* (the bug zoo's minimal counterexamples, as
// bytes, each checked to equal ZooVariant.minimum and to PASS on production),
// corpus/<machine>/generated-* (long generated cases), corpus/engine-decoding/ and
// Fuzz/dictionaries/<machine>.dict. Run it with Fuzz/seeds.sh:
//   corpus-seeds <corpus root> <dictionaries dir>
//
// An ordinary tool that survives the fuzzer flags of the package's build: under
// `-Xswiftc -sanitize=fuzzer` SwiftPM runs `corpus_seeds_main`; under `--sanitize=fuzzer`
// libFuzzer's `main` runs and calls LLVMFuzzerInitialize first, which runs the tool and exits.
import Foundation
import FuzzSupport
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func printError(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

func runTool(_ arguments: [String]) -> Int32 {
    guard arguments.count == 3 else {
        printError("usage: corpus-seeds <corpus root> <dictionaries dir>")
        return 2
    }
    do {
        return try SeedTool.write(corpusRoot: arguments[1], dictionaries: arguments[2])
    } catch {
        printError("corpus-seeds: \(error)")
        return 1
    }
}

func arguments(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> [String] {
    (0..<Int(argc)).map { String(cString: argv[$0]!) }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> Int32 {
    exit(runTool(arguments(argc.pointee, argv.pointee)))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }
