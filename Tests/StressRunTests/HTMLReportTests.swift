import Foundation
import MarketSim
@testable import StressRun
import Testing

/// The HTML report: self-contained, deterministic, escaped, and rendered by a real browser
/// (Chromium from the system's packages, which `.ci/run` installs) into a page that is not blank.
@Suite struct HTMLReportTests {
    static func report(failure: String? = nil) throws -> HTMLReport {
        var scenarios: [HTMLReport.Scenario] = []
        for (name, strategy) in [("flash-crash-2010", "buy-the-dip"), ("liquidity-drain", "momentum")] {
            let library = try #require(ScenarioLibrary.named(name))
            let record =
                strategy == "momentum"
                ? try ScenarioExecutor().run(library, strategy: MomentumStrategy())
                : try ScenarioExecutor().run(library, strategy: BuyTheDipStrategy())
            scenarios.append(HTMLReport.Scenario(name: name, seed: library.seed, record: record))
        }
        return HTMLReport(title: "StressCheck <report> & co", scenarios: scenarios, failure: failure)
    }

    @Test func selfContainedDeterministicAndEscaped() throws {
        let html = try Self.report(failure: "kind: flashCrash\n<script>alert(1)</script>").render()
        #expect(html == (try Self.report(failure: "kind: flashCrash\n<script>alert(1)</script>").render()))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))  // the failure text is escaped, and the report has no script of its own
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("StressCheck &lt;report&gt; &amp; co"))
        // No network: the only address is the SVG namespace name, which is never fetched.
        #expect(html.components(separatedBy: "http").count - 1 == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
        // Per scenario: equity, drawdown, timeline, exposure.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 8)
        #expect(html.contains("hard cap 20%"))
        #expect(html.contains("<polyline"))
    }

    @Test func decimalsAndMoneyAreLocaleFree() {
        #expect(HTMLText.decimal(-0.04, places: 1) == "0.0")
        #expect(HTMLText.decimal(12.345, places: 2) == "12.35")
        #expect(HTMLText.decimal(-3.5, places: 0) == "-4")
        #expect(HTMLText.decimal(.nan, places: 2) == "-")
        #expect(HTMLText.money(-123_456_789) == "-1,234,567.89")
        #expect(HTMLText.money(5) == "0.05")
    }

    /// Chromium, if the system has it.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed here (.ci/run installs it with apt-get)"))
    func rendersInARealBrowserIntoAPageThatIsNotBlank() throws {
        let browser = try #require(Self.chromium)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        let blank = directory.appendingPathComponent("blank.html")
        try (try Self.report(failure: "a shrunk scenario").render()).write(to: page, atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)

        let shot = try Self.screenshot(browser, page, into: directory.appendingPathComponent("report.png"))
        let blankShot = try Self.screenshot(browser, blank, into: directory.appendingPathComponent("blank.png"))
        // STRESSCHECK_KEEP_HTML=<dir> keeps the page and its screenshot, to look at.
        if let keep = ProcessInfo.processInfo.environment["STRESSCHECK_KEEP_HTML"] {
            for name in ["report.html", "report.png"] {
                let target = URL(fileURLWithPath: keep).appendingPathComponent(name)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: directory.appendingPathComponent(name), to: target)
            }
        }
        #expect(shot.console.isEmpty, "console messages: \(shot.console)")
        // A PNG of that size (its IHDR), and far more detail than a blank page of the same size compresses to.
        let size = try #require(Self.pngSize(shot.png))
        #expect(size.0 == 1200 && size.1 == 3000)
        #expect(shot.png.count > 4 * blankShot.png.count, "report \(shot.png.count) bytes, blank \(blankShot.png.count) bytes")

        let dom = try Self.run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString]).output
        #expect(dom.components(separatedBy: "<svg").count - 1 == 8, "the browser's DOM has the charts")
    }

    static func screenshot(_ browser: String, _ page: URL, into png: URL) throws -> (png: [UInt8], console: [String]) {
        let result = try run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                "--window-size=1200,3000", "--screenshot=\(png.path)", page.absoluteString,
            ])
        let console = result.errors.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }.map(String.init)
        return (Array(try Data(contentsOf: png)), console)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ png: [UInt8]) -> (Int, Int)? {
        guard png.count > 24, png[12..<16].elementsEqual("IHDR".utf8) else { return nil }
        func word(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }
}
