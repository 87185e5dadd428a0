import Foundation
import PropertyCheck
import TradingChecks
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one run of a fuzz target's check on one input found.
public struct FuzzVerdict: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The case ran and every comparison and invariant held.
        case passed
        /// The bytes decode to a case the generator discards (a filter, a set short of distinct
        /// values): not a failure; the target tells libFuzzer not to keep the input.
        case rejected
        /// A divergence, a violated invariant, a thrown error, or a flaky verdict.
        case failed
    }

    public let outcome: Outcome
    /// The engine's report (the readable counterexample when it failed), rendered when read:
    /// a passing execution never reads it, and rendering it cost a tenth of each execution.
    public var report: String { renderReport() }
    private let renderReport: @Sendable () -> String
    /// The minimal failing bytes, when it failed.
    public let counterexampleBytes: [UInt8]?
    /// The counterexample, one command (or value) per line.
    public let counterexample: String?
    /// The counterexample's lines without numbers (each command's description), when the check
    /// provides them: compared with a bug zoo variant's known minima.
    public let counterexampleLines: [String]?
    /// The failure's signature, for deduplicating crashes: its kind and where, without the
    /// values (`invariant violated at DRAIN ⇒ excess > 0`, `model and system diverged at open`).
    /// Two crashes with one signature are one bug. Empty unless it failed.
    public let signature: String
    /// Commands run against the system (0 for the engine's decoding).
    public let steps: Int

    public init(
        outcome: Outcome, report: @autoclosure @escaping @Sendable () -> String, counterexampleBytes: [UInt8]?,
        counterexample: String?, counterexampleLines: [String]? = nil, signature: String = "", steps: Int = 0
    ) {
        self.outcome = outcome
        self.renderReport = report
        self.counterexampleBytes = counterexampleBytes
        self.counterexample = counterexample
        self.counterexampleLines = counterexampleLines
        self.signature = outcome == .failed ? (signature.isEmpty ? "failed" : signature) : ""
        self.steps = steps
    }

    /// A machine check's run: the engine's typed exit reason and signature, carried by `MachineRun`.
    public init(_ run: MachineRun) {
        let outcome: Outcome = run.passed ? .passed : run.rejected && run.counterexampleBytes == nil ? .rejected : .failed
        self.init(
            outcome: outcome, report: run.report, counterexampleBytes: run.counterexampleBytes, counterexample: run.counterexample,
            counterexampleLines: run.counterexampleLines,
            signature: run.signature?.description ?? Self.signature(of: run.exitReason), steps: run.steps)
    }

    /// The signature of an engine check's result: the counterexample's, else the exit reason's.
    public static func signature<Value>(of result: CheckResult<Value>) -> String {
        result.counterexample?.signature.description ?? signature(of: result.exitReason)
    }

    /// The signature of a check that failed without a counterexample: the kind of exit reason,
    /// without its counts.
    public static func signature(of reason: ExitReason) -> String {
        switch reason {
        case .completed: ""
        case .foundFailure: "found a failing case"
        case .invalidGenerator(let error): "invalid generator: \(error)"
        case .tooManyRejections: "health check: too many cases discarded"
        case .dataTooLarge: "health check: too many cases reached maxBytes"
        case .generationTooSlow: "health check: generation too slow"
        case .coverageNotMet(let shortfalls): "coverage not met: " + shortfalls.map(\.label).joined(separator: ", ")
        case .flaky: "flaky"
        case .interrupted: "interrupted"
        }
    }
}

/// A fuzz target: a name and a check that runs the case some bytes decode to.
public struct FuzzTarget: Sendable {
    public let name: String
    /// Runs exactly the case `bytes` decode to; shrinks a failure when `shrink` is set.
    public let replay: @Sendable (_ bytes: [UInt8], _ shrink: Bool) -> FuzzVerdict
    /// For a bug zoo variant: its known minimal command sequence, compared with the shrunk one.
    /// The known minimal counterexamples (a zoo variant's minimum and its equally short
    /// alternatives), or nil.
    public let knownMinima: [[String]]?

    public init(name: String, knownMinima: [[String]]? = nil, replay: @escaping @Sendable (_ bytes: [UInt8], _ shrink: Bool) -> FuzzVerdict) {
        self.name = name
        self.knownMinima = knownMinima
        self.replay = replay
    }

    /// The target for a machine of `Machines.all`, or a bug zoo variant's entry.
    public init(_ entry: MachineEntry, name: String? = nil, knownMinima: [[String]]? = nil) {
        self.init(name: name ?? entry.name, knownMinima: knownMinima) { bytes, shrink in FuzzVerdict(entry.replay(bytes, shrink)) }
    }

    /// The production machine called `name`; traps with the known names if there is none.
    public static func machine(_ name: String) -> FuzzTarget {
        guard let entry = Machines.named(name) else {
            fatalError("no machine called \(name); known: \(Machines.all.map(\.name).joined(separator: ", "))")
        }
        return FuzzTarget(entry)
    }

    /// The body of `LLVMFuzzerTestOneInput`: runs the input's case; on a failure, shrinks it
    /// with the engine's shrinker, prints the readable counterexample to stderr and traps, so
    /// that libFuzzer writes the crash file.
    /// - Returns: 0, or -1 for an input the generator rejects (libFuzzer then keeps it out of
    ///   the corpus).
    public func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes: [UInt8] = if let data, size > 0 { Array(UnsafeBufferPointer(start: data, count: size)) } else { [] }
        let verdict = replay(bytes, false)
        if FuzzProcess.countsSteps { FuzzProcess.count(verdict.steps) }
        switch verdict.outcome {
        case .passed: return 0
        case .rejected: return -1
        case .failed: break
        }
        let shrunk = replay(bytes, true)
        let shown = shrunk.outcome == .failed ? shrunk : verdict
        var text = "\n==== StressCheck: \(name) failed on a \(bytes.count)-byte input; shrunk with the engine's shrinker:\n\n"
        text += shown.report + "\n\n"
        text += "STRESSCHECK-SIGNATURE: \(shown.signature)\n"
        if let minimal = shown.counterexampleBytes {
            text += "STRESSCHECK-MINIMAL-BYTES: \(minimal.map { String(format: "%02x", $0) }.joined())\n"
        }
        if let counterexample = shown.counterexample {
            text += "STRESSCHECK-COUNTEREXAMPLE-BEGIN\n\(counterexample)\nSTRESSCHECK-COUNTEREXAMPLE-END\n"
            if let knownMinima, let commands = shown.counterexampleLines {
                text +=
                    knownMinima.contains(commands)
                    ? "STRESSCHECK-KNOWN-MINIMUM: equal (\(commands.joined(separator: "; ")))\n"
                    : "STRESSCHECK-KNOWN-MINIMUM: DIFFERENT (known: \(knownMinima.map { $0.joined(separator: "; ") }.joined(separator: " | ")))\n"
            }
        }
        FileHandle.standardError.write(Data(text.utf8))
        fatalError("StressCheck: \(name): \(shown.signature)")
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// What `LLVMFuzzerInitialize` does in every target.
public enum FuzzProcess {
    /// Starts libFuzzer with the process's arguments (`LLVMFuzzerRunDriver`, exported by the
    /// fuzzer runtime) and returns its exit status.
    public static func runDriver(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32 {
        var argc = argc
        var argv = argv
        return llvmFuzzerRunDriver(&argc, &argv, callback)
    }

    /// Gives SIGILL, SIGTRAP and SIGABRT back to their default action, before libFuzzer installs
    /// its own handlers: otherwise the Swift runtime's crash handler takes a trap first and
    /// libFuzzer writes no crash file. (SIGSEGV, SIGBUS and SIGFPE are left to the sanitizers.)
    public static func initialize() {
        for signalNumber in [SIGILL, SIGTRAP, SIGABRT] { signal(signalNumber, SIG_DFL) }
        if countsSteps {
            started = Date().timeIntervalSince1970
            atexit { FuzzProcess.printCounts() }
        }
    }

    /// `STRESSCHECK_FUZZ_STATS=1`: count inputs and commands, print them at exit (for comparing
    /// a target's commands/s with `stresscheck check`'s).
    nonisolated(unsafe) public private(set) static var countsSteps = getenv("STRESSCHECK_FUZZ_STATS") != nil
    nonisolated(unsafe) static var inputs = 0
    nonisolated(unsafe) static var steps = 0
    nonisolated(unsafe) static var started = 0.0

    static func count(_ stepsOfInput: Int) {
        inputs += 1
        steps += stepsOfInput
    }

    static func printCounts() {
        let seconds = Date().timeIntervalSince1970 - started
        let line = String(
            format: "stresscheck::inputs: %d commands: %d seconds: %.2f commands_per_input: %.1f inputs_per_sec: %.0f commands_per_sec: %.0f\n",
            inputs, steps, seconds, Double(steps) / Double(max(inputs, 1)), Double(inputs) / seconds, Double(steps) / seconds)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
