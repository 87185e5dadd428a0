import Foundation
import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Somewhere text goes: standard output, standard error, or a buffer in a test.
public protocol TextSink: Sendable {
    /// Writes `text` as it is (no newline is added).
    func write(_ text: String)
}

/// A file descriptor, written without buffering so that progress shows at once.
public struct FileDescriptorSink: TextSink {
    /// The file descriptor written to.
    public let descriptor: Int32

    /// A sink writing to `descriptor`.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                    Glibc.write(descriptor, buffer.baseAddress, buffer.count)
                #else
                    Darwin.write(descriptor, buffer.baseAddress, buffer.count)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// Text kept in memory, for tests and for callers that capture the output.
public final class TextBuffer: TextSink {
    private let storage = Mutex("")

    /// An empty buffer.
    public init() {}

    public func write(_ text: String) { storage.withLock { $0 += text } }

    /// Everything written so far.
    public var text: String { storage.withLock { $0 } }
}

/// Where the command writes, and whether standard output is a terminal.
public struct Console: Sendable {
    /// Results: tables, reports, JSON.
    public var output: any TextSink
    /// Usage errors.
    public var errors: any TextSink
    /// True when `output` is an interactive terminal: progress is then a live line.
    public var isTerminal: Bool

    /// A console writing to `output` and `errors`.
    public init(output: any TextSink, errors: any TextSink, isTerminal: Bool = false) {
        self.output = output
        self.errors = errors
        self.isTerminal = isTerminal
    }

    /// Standard output and standard error; a terminal when standard output is one and `TERM`
    /// is not `dumb`.
    public static var standard: Console {
        let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
        return Console(
            output: FileDescriptorSink(descriptor: STDOUT_FILENO), errors: FileDescriptorSink(descriptor: STDERR_FILENO),
            isTerminal: isatty(STDOUT_FILENO) == 1 && !dumb)
    }

    /// Writes `line` and a newline to `output`.
    func print(_ line: String = "") { output.write(line + "\n") }
}

/// Shows how far each machine's check has gone.
///
/// On a terminal, a live line per machine, rewritten with `\r` as cases complete and left in
/// place when the machine finishes. Elsewhere, one plain line per machine when it finishes,
/// with no control characters.
struct ProgressDisplay: Sendable {
    /// Where it writes.
    let console: Console

    /// `ESC [ 2 K`: erase the whole line.
    private static let eraseLine = "\r\u{1B}[2K"

    /// What a check may spend: cases, time, or both (whichever is spent first).
    struct Budget: Sendable {
        /// The most cases (`nil`: only time decides).
        var cases: Int?
        /// The wall-clock budget (`nil`: only cases decide).
        var time: Duration?
    }

    /// Announces that `machine` starts, with its budget.
    func start(_ machine: String, budget: Budget) {
        guard console.isTerminal else { return }
        console.output.write(Self.eraseLine + "… \(machine): " + Self.line(done: 0, budget: budget, elapsed: 0))
    }

    /// The callback for `MachineRunOptions.progress`, or `nil` when nothing is shown live: cases
    /// done, the rate so far and the time left (from the rate for a case budget, from the clock
    /// for a time budget).
    func callback(_ machine: String, budget: Budget) -> (@Sendable (Int) -> Void)? {
        guard console.isTerminal else { return nil }
        let output = console.output
        let started = ContinuousClock.now
        return { done in
            let elapsed = (ContinuousClock.now - started).seconds
            output.write(Self.eraseLine + "… \(machine): " + Self.line(done: done, budget: budget, elapsed: elapsed))
        }
    }

    /// `1,024 / 2,000 cases, 3,412 cases/s, ETA 0.3 s`; under a time budget
    /// `1,024 cases, 3,412 cases/s, 28 s left`.
    static func line(done: Int, budget: Budget, elapsed: Double) -> String {
        var text = Format.grouped(done) + (budget.cases.map { " / " + Format.grouped($0) } ?? "") + " cases"
        guard done > 0, elapsed > 0 else { return text }
        let rate = Double(done) / elapsed
        text += ", \(Format.rate(rate)) cases/s"
        var remaining = budget.cases.map { Double(max($0 - done, 0)) / rate } ?? .infinity
        if let time = budget.time { remaining = min(remaining, max(time.seconds - elapsed, 0)) }
        if remaining.isFinite { text += ", ETA " + Format.eta(remaining) }
        return text
    }

    /// Replaces the live line with the machine's result, or prints the result line.
    func finish(_ run: MachineReport) {
        let verdict = run.passed ? "✓ \(run.name): PASS" : run.failureKind == .interrupted ? "■ \(run.name): INTERRUPTED" : "✗ \(run.name): FAIL"
        let line =
            "\(verdict), \(Format.count(run.cases, "case")), \(Format.count(run.steps, "command")) in \(Format.seconds(run.seconds))"
            + "; seed \(run.seed); " + Self.corpusSummary(run.corpus)
        console.output.write((console.isTerminal ? Self.eraseLine : "") + line + "\n")
    }

    /// `3 corpus files replayed`, `… replayed, 1 skipped`, or `no corpus`.
    static func corpusSummary(_ corpus: CorpusReport?) -> String {
        guard let corpus else { return "no corpus" }
        let skipped = corpus.skipped.isEmpty ? "" : ", \(Format.grouped(corpus.skipped.count)) skipped"
        return "\(Format.count(corpus.replayed, "corpus file")) replayed\(skipped)"
    }
}
