// The entry point under `-Xswiftc -sanitize=fuzzer` (SwiftPM links `main` to `corpus_seeds_main`),
// in a file of its own so that neither file is compiled as a script.
@_cdecl("corpus_seeds_main")
public func toolMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runTool(arguments(argc, argv))
}
