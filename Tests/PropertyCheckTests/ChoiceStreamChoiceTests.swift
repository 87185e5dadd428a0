import PropertyCheck
import Testing

/// `ChoiceStream.choice(upTo:)`: the uniform, non-throwing primitive simulation code draws from.
@Suite struct ChoiceStreamChoiceTests {
    @Test func randomChoicesStayInRangeAndReplayBitForBit() {
        var stream = ChoiceStream(seed: 9)
        let bounds: [UInt64] = [0, 1, 6, 255, 256, 0xFFFF, 1_000_000, .max]
        let drawn = (0..<400).map { i in stream.choice(upTo: bounds[i % bounds.count]) }
        for (i, value) in drawn.enumerated() { #expect(value <= bounds[i % bounds.count]) }
        #expect(Set(drawn.enumerated().filter { $0.offset % bounds.count == 5 }.map(\.element)).count > 40, "16-bit draws vary")
        var replay = ChoiceStream(replaying: stream.recorded)
        #expect((0..<400).map { i in replay.choice(upTo: bounds[i % bounds.count]) } == drawn)
        #expect(replay.recorded == stream.recorded)
    }

    @Test func bytesAreBigEndianAndClampedToTheBound() {
        var stream = ChoiceStream(replaying: [0x12, 0x34, 0xFF, 0x09, 0x07])
        #expect(stream.choice(upTo: 0xFFFF) == 0x1234)
        #expect(stream.choice(upTo: 999) == 0x309, "bits above the bound's ten are ignored: 0xFF09 reads 777")
        #expect(stream.choice(upTo: 0) == 0, "a zero bound reads no byte")
        #expect(stream.choice(upTo: 5) == 5, "7 reads as the bound")
        #expect(stream.position == 5)
    }

    @Test func theEmptyInputAndAnOverrunReadZero() {
        var empty = ChoiceStream(replaying: [])
        #expect((0..<10).allSatisfy { _ in empty.choice(upTo: 0xFFFF) == 0 })
        var small = ChoiceStream(seed: 1, maxBytes: 5)
        let first = (0..<2).map { _ in small.choice(upTo: 0xFFFF) }
        #expect(!small.overran && small.position == 4)
        #expect(small.choice(upTo: 0xFFFF) == 0, "two more bytes do not fit in five")
        #expect(small.overran && small.position == 4)
        #expect(first != [0, 0])
    }

    @Test func uniformInRandomGeneration() {
        var stream = ChoiceStream(seed: 3, maxBytes: 1 << 20)
        var counts = [Int](repeating: 0, count: 8)
        let n = 80_000
        for _ in 0..<n { counts[Int(stream.choice(upTo: 7))] += 1 }
        // Each count is binomial(n, 1/8): standard deviation ≈ 94; allow 5 of them.
        for count in counts { #expect(abs(count - n / 8) < 470, "\(counts)") }
    }
}
