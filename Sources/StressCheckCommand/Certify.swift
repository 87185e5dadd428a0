import Certification
import Foundation
import Synchronization

/// `stresscheck certify`: the certification suite over N seeds and the go/no-go matrix, as text,
/// JSON, an HTML page and Prometheus metrics. Exit 0 for GO, 1 for NO-GO, 2 for a usage error
/// (a bad option or an invalid `STRESSCHECK_CERTIFY_*` variable).
enum Certify {
    struct Request {
        var runs: Int?
        var full: Bool
        var json: Bool
        var html: String?
        var prometheus: String?
        var serveMetrics: Int?
        var latencyTable: String?
    }

    static func run(_ request: Request, console: Console, environment: [String: String], interruption: Interruption = .never) throws(UsageError) -> Int32 {
        let gates: CertificationGates
        do { gates = try CertificationGates.fromEnvironment(environment) } catch { throw UsageError(error.description) }
        if let port = request.serveMetrics, !(0...65_535).contains(port) {
            throw UsageError("option '--serve-metrics' expects a port from 0 to 65535, got \(port)")
        }
        // Checked before anything runs, so a bad path costs nothing.
        let latencyTable = try request.latencyTable.map { path throws(UsageError) in try OutputFile.checked(path) }
        let html = try request.html.map { path throws(UsageError) in try OutputFile.checked(path) }
        let prometheus = try request.prometheus.map { path throws(UsageError) in try OutputFile.checked(path) }
        try OutputFile.refuseSharedTargets([("--html", html), ("--prometheus", prometheus), ("--latency-table", latencyTable)])
        // The port is bound before anything runs too: one in use is a usage error now, not after
        // the whole certification (whose verdict an exit status of 2 would then hide). It serves
        // the metrics once they exist; until then a client waits in the listen queue.
        let served = Mutex("")
        let endpoint = try request.serveMetrics.map { port throws(UsageError) in
            do throws(MetricsEndpointError) {
                return try MetricsEndpoint(port: UInt16(port), limits: .init(maxRequests: 10, lifetime: .seconds(60))) { served.withLock { $0 } }
            } catch {
                throw UsageError(error.description)
            }
        }
        var certification = CertificationRun(gates: gates)
        certification.full = request.full
        let runs = request.runs ?? gates.runs
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-certify-\(ProcessInfo.processInfo.processIdentifier)").path
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw UsageError("cannot create the journal directory \(directory): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        if !request.json {
            console.output.write(
                "certify: \(runs) run(s) of flash crash, \(BrokerFault.allCases.count) broker faults and portfolio integrity; "
                    + "decision flood \(request.full ? "full (\(gates.floodRate)/s × \(gates.floodSeconds) s)" : "CI (\(gates.floodRate)/s × 3 s)")\n")
        }
        let report: CertificationReport
        do {
            report = try certification.run(
                runs: runs, directory: directory,
                progress: { done in
                    if console.isTerminal, !request.json { console.output.write("\r  \(done)/\(runs) seeds") }
                }, shouldStop: { interruption.signal() != nil })
        } catch CertificationError.interrupted(let completed) {
            if console.isTerminal, !request.json { console.output.write("\n") }
            let signal = interruption.signal() ?? SIGINT
            console.errors.write(
                "Interrupted by \(Interruption.name(of: signal)) after \(completed) of \(runs) seeds"
                    + (completed == runs ? " (before or during the decision flood)" : "") + ": no verdict, no file written.\n")
            return Interruption.exitStatus(for: signal)
        } catch {
            console.errors.write("error: the certification could not run: \(error)\n")
            return ExitStatus.usage
        }
        if console.isTerminal, !request.json { console.output.write("\n") }
        console.output.write(request.json ? CertifyText.json(report, gates: gates) : CertifyText.matrix(report))
        // The certification's own metrics, named and labelled by this code: a registry that
        // refuses them is a bug here, not something a user can mend.
        let metricsText: String
        do { metricsText = try CertifyText.metrics(report).registry().render() } catch {
            preconditionFailure("the certification's metrics do not render: \(error)")
        }
        served.withLock { $0 = metricsText }
        if let prometheus {
            do {
                // The resolved target: a symbolic link is kept, the file it names replaced.
                try MetricsTextFile.write(metricsText, to: prometheus.target)
            } catch {
                console.errors.write("error: cannot write the metrics file: \(error)\n")
                return ExitStatus.usage
            }
        }
        if let latencyTable {
            do { try latencyTable.write(Array(report.flood.corrected.table.utf8)) } catch {
                console.errors.write("error: \(error)\n")
                return ExitStatus.usage
            }
        }
        if let html {
            do { try html.write(Array(CertifyText.html(report).utf8)) } catch {
                console.errors.write("error: \(error)\n")
                return ExitStatus.usage
            }
        }
        if let endpoint {
            console.errors.write("serving /metrics on http://127.0.0.1:\(endpoint.port)/metrics (10 requests or 60 s; Ctrl-C stops it)\n")
            switch endpoint.serve(shouldStop: { interruption.signal() != nil }).stopReason {
            case .interrupted: console.errors.write("stopped serving /metrics: interrupted\n")
            case .failed(let reason): console.errors.write("stopped serving /metrics: \(reason)\n")
            case .requestBudget, .lifetime: break
            }
        }
        return report.matrix.isGo ? ExitStatus.passed : ExitStatus.failed
    }
}
