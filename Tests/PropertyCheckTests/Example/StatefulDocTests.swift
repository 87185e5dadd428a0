import Foundation
import Testing

/// The worked example in docs/stateful.md is the code of BoundedQueueExample.swift, block for
/// block: a change to either that the other does not follow fails here.
@Suite struct StatefulDocTests {
    /// The shrunk failure the document shows (and ExpectingTheDocumentedFailure requires).
    static let shrunkCounterexample = """
        Counterexample:
          1. .push(0)
          2. .pop
          3. .push(1)
          4. .pop
        """

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The blocks of `source` between `// docs/stateful.md:begin <name>` and `// docs/stateful.md:end`,
    /// by name, each dedented by its first line's indentation.
    static func regions(of source: String) -> [String: String] {
        var regions: [String: String] = [:]
        var name: String?
        var lines: [Substring] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("// docs/stateful.md:begin ") {
                name = String(trimmed.dropFirst("// docs/stateful.md:begin ".count))
                lines = []
            } else if trimmed == "// docs/stateful.md:end", let current = name {
                let indent = lines.first.map { $0.prefix { $0 == " " }.count } ?? 0
                regions[current] = lines.map { $0.count >= indent ? String($0.dropFirst(indent)) : String($0) }.joined(separator: "\n")
                name = nil
            } else if name != nil {
                lines.append(line)
            }
        }
        return regions
    }

    /// The contents of the document's ```swift blocks.
    static func swiftBlocks(of document: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current.map { $0.joined(separator: "\n") } ?? "")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func theDocumentShowsTheExampleWordForWord() throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent("Tests/PropertyCheckTests/Example/BoundedQueueExample.swift"), encoding: .utf8)
        let document = try String(contentsOf: Self.root.appendingPathComponent("docs/stateful.md"), encoding: .utf8)
        let regions = Self.regions(of: source)
        #expect(regions.keys.sorted() == ["check", "queue", "test"])
        let blocks = Self.swiftBlocks(of: document)
        for (name, code) in regions.sorted(by: { $0.key < $1.key }) {
            #expect(blocks.contains(code), "docs/stateful.md has no ```swift block equal to the '\(name)' block of BoundedQueueExample.swift")
        }
        #expect(document.contains(Self.shrunkCounterexample), "docs/stateful.md does not show the shrunk failure")
    }

    @Test func theRegionsAreFoundAndDedented() {
        let source = """
            x
                // docs/stateful.md:begin a
                let a = 1
                  nested
                // docs/stateful.md:end
            """
        #expect(Self.regions(of: source) == ["a": "let a = 1\n  nested"])
        #expect(Self.swiftBlocks(of: "text\n```swift\nlet a = 1\n```\n```sh\nls\n```") == ["let a = 1"])
    }
}
