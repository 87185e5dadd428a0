@testable import PropertyCheck
import Testing

@Suite struct ChoiceStreamTests {
    /// A mix of every kind of generator, to push arbitrary bytes through.
    static let mix = Gen<(Int, UInt8, Int8, Bool, Double, [Int16], String, Set<Int>, Int?, [String: Bool])>.zip(
        Gen.int(), Gen<UInt8>.any, Gen<Int8>.int(in: -100...(-20)), Gen.bool, Gen.double(in: -5...1e6, including: .all),
        Gen.array(of: Gen<Int16>.any, count: 0...20), Gen.string(of: .unicode, count: 0...10), Gen.set(of: Gen.int(in: 0...50), count: 0...5),
        Gen.int(in: 1000...2000).optional, Gen.dictionary(keys: Gen.string(count: 1...3), values: Gen.bool, count: 0...4))

    @Test func aRecordedCaseReplaysToTheSameValueBitForBit() throws {
        for seed in UInt64(1)...200 {
            var stream = ChoiceStream(seed: seed)
            let a = try stream.draw(Self.mix)
            let b = try Self.mix.decode(stream.recorded)
            #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3, "seed \(seed)")
            #expect(a.4.bitPattern == b.4.bitPattern, "seed \(seed): \(a.4) vs \(b.4)")
            #expect(a.5 == b.5 && a.6 == b.6 && a.7 == b.7 && a.8 == b.8 && a.9 == b.9, "seed \(seed)")
        }
    }

    @Test func theEmptyInputDecodesToTheSimplestCase() throws {
        let (int, byte, negative, flag, double, list, text, set, optional, dictionary) = try Self.mix.decode([])
        #expect(int == 0 && byte == 0 && flag == false && double == 0)
        #expect(negative == -20, "a range below zero shrinks toward its upper bound")
        #expect(list.isEmpty && text.isEmpty && set.isEmpty && optional == nil && dictionary.isEmpty)
        #expect(try Gen<Int>.int(in: 101...Int.max).decode([]) == 101)
        #expect(try Gen.element(of: ["first", "second"]).decode([]) == "first")
    }

    /// The mix has no filter and no collection with a minimum count, and a read past the end
    /// gives zeros: every byte string decodes to a value, none is rejected.
    @Test func everyByteStringDecodes() {
        var random = RandomSource(seed: 7)
        var decoded = 0
        for _ in 0..<2_000 {
            let count = Int(random.next(upTo: 300))
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            do {
                _ = try Self.mix.decode(bytes)
                decoded += 1
            } catch {
                Issue.record("\(bytes) was rejected: \(error)")
            }
        }
        #expect(decoded == 2_000)
    }

    @Test func smallerBytesDecodeToSimplerIntegers() throws {
        let gen = Gen<UInt16>.int(in: 0...1000)
        var previous: UInt16 = 0
        for high in UInt8(0)...3 {
            for low in stride(from: 0, through: 255, by: 17) {
                let value = try gen.decode([high, UInt8(low)])
                #expect(value >= previous)
                previous = value
            }
        }
        #expect(try gen.decode([0xFF, 0xFF]) == 1000, "a choice past the bound reads as the bound")
    }

    @Test func integersAcrossZeroAreMagnitudeThenSign() throws {
        let gen = Gen.int(in: -3...100)
        #expect(try gen.decode([5, 0]) == 5)
        #expect(try gen.decode([2, 1]) == -2)
        #expect(try gen.decode([50, 1]) == -3, "magnitudes past the short side clamp to its bound")
        var stream = ChoiceStream(replaying: [50, 1])
        _ = try stream.draw(gen)
        #expect(stream.recorded == [3, 1], "the record holds the canonical choice")
    }

    @Test func recordsAreCanonical() throws {
        var stream = ChoiceStream(replaying: [0xFF, 0x07])
        #expect(try stream.draw(Gen.bool) == true)
        #expect(try stream.draw(Gen.element(of: [1, 2, 3])) == 3)
        #expect(stream.recorded == [1, 2])
    }

    @Test func drawsPastMaxBytesReturnTheSimplestValue() throws {
        var stream = ChoiceStream(replaying: [UInt8](repeating: 1, count: 100), maxBytes: 20)
        let list = try stream.draw(Gen.array(of: Gen<UInt8>.any))
        #expect(stream.overran)
        #expect(list.count == 10, "ten (flag, element) pairs fit in 20 bytes")
        #expect(stream.position <= 20)
    }

    @Test func spansCoverElementsAndChoices() throws {
        var stream = ChoiceStream(replaying: [1, 5, 1, 6, 0], recordsSpans: true)
        let list = try stream.draw(Gen.array(of: Gen<UInt8>.any))
        #expect(list == [5, 6])
        let composite = stream.spans.filter { !$0.isChoice }
        #expect(composite.map(\.range) == [0..<5, 0..<2, 2..<4, 4..<5], "the list, two elements, the stop flag")
        #expect(composite[1].label == composite[2].label && composite[3].label != composite[1].label)
        #expect(stream.spans.filter(\.isChoice).count == 5)
    }

    @Test func widthIsTheBytesNeededForTheBound() {
        #expect(ChoiceStream.width(for: 0) == 0)
        #expect(ChoiceStream.width(for: 1) == 1)
        #expect(ChoiceStream.width(for: 255) == 1)
        #expect(ChoiceStream.width(for: 256) == 2)
        #expect(ChoiceStream.width(for: .max) == 8)
    }

    @Test func floatLexRoundTripsAndOrdersSimpleValuesFirst() {
        for value in [0.0, 1, 2, 1.5, 0.5, 0.1, 1e300, 123456.789, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude] {
            #expect(FloatLex.toDouble(FloatLex.toLex(value)).bitPattern == value.bitPattern, "\(value)")
        }
        #expect(FloatLex.toLex(1) < FloatLex.toLex(2))
        #expect(FloatLex.toLex(2) < FloatLex.toLex(1.5), "integers come before fractions")
        #expect(FloatLex.toLex(1.5) < FloatLex.toLex(1.25), "halves before quarters")
    }
}
