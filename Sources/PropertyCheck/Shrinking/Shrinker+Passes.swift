/// A named shrink pass: the shrinker's passes are data, run in order every round.
struct ShrinkPass<Oracle: ShrinkOracle> {
    let name: String
    let run: (inout Shrinker<Oracle>) -> Void
}

extension Shrinker {
    /// The passes, cheapest and most productive first: removing structure before lowering values.
    static var passes: [ShrinkPass<Oracle>] {
        [
            ShrinkPass(name: "delete spans") { $0.deleteSpans() },
            ShrinkPass(name: "zero a generator's choices") { $0.zeroByLabel() },
            ShrinkPass(name: "merge adjacent siblings") { $0.mergeAdjacent() },
            ShrinkPass(name: "replace span by descendant") { $0.replaceWithDescendants() },
            ShrinkPass(name: "zero spans") { $0.zeroSpans() },
            ShrinkPass(name: "lower duplicates together") { $0.lowerDuplicates() },
            ShrinkPass(name: "minimize choices") { $0.minimizeChoices() },
            ShrinkPass(name: "lower a count and delete") { $0.lowerAndDelete() },
            ShrinkPass(name: "delete and lower a later choice") { $0.deleteAndLowerLater() },
            ShrinkPass(name: "lower pairs together") { $0.lowerPairs() },
            ShrinkPass(name: "redistribute pairs") { $0.redistributePairs() },
            ShrinkPass(name: "sort siblings") { $0.sortSiblings() },
            ShrinkPass(name: "try small values") { $0.trySmallValues() },
        ]
    }

    /// Deletes composite spans (elements, commands, branches) from last to first; after one
    /// deletion works, deletes runs of its preceding siblings adaptively; when one alone does
    /// not go, tries it with the sibling before it.
    mutating func deleteSpans() {
        var j = spans.count - 1
        while j >= 0 && !exhausted {
            defer { j -= 1 }
            guard j < spans.count else { continue }
            let span = spans[j]
            guard !span.isChoice, Int(span.start) < best.count else { continue }
            var starts = [Int(span.start)]
            var k = j - 1
            var next = span.start
            while k >= 0 && k > Int(span.parent) {
                let sibling = spans[k]
                if sibling.parent == span.parent {
                    guard sibling.end == next else { break }
                    starts.append(Int(sibling.start))
                    next = sibling.start
                }
                k -= 1
            }
            let end = Int(span.end)
            let base = self
            let deleted = findInteger { n in
                n <= starts.count && self.consider(base.deleting(starts[n - 1]..<end))
            }
            if deleted > 1 { j -= deleted - 1 }
            // A step and the one before it may only go together (a command and its undo).
            if deleted == 0 && starts.count >= 2 && end <= best.count
                && best[starts[1]..<starts[0]] != best[starts[0]..<end] && consider(base.deleting(starts[1]..<end))
            {
                j -= 1
            }
        }
    }

    /// Replaces a composite span by a smaller span nested in it with the same label (a subtree
    /// by one of its own subtrees, a list of lists by an inner list).
    mutating func replaceWithDescendants() {
        var j = 0
        while j < spans.count && !exhausted {
            defer { j += 1 }
            let span = spans[j]
            guard !span.isChoice, Int(span.start) < best.count else { continue }
            var k = j + 1
            while k < spans.count && spans[k].start < span.end && !exhausted {
                let inner = spans[k]
                k += 1
                guard inner.label == span.label, !inner.isChoice, inner.count < span.count else { continue }
                let bytes = padded(to: Int(span.end))
                let candidate = Array(bytes[..<Int(span.start)]) + bytes[inner.range] + bytes[Int(span.end)...]
                if consider(candidate) { break }
            }
        }
    }

    /// Replaces each composite span by zeros: its simplest form.
    mutating func zeroSpans() {
        var j = 0
        while j < spans.count && !exhausted {
            defer { j += 1 }
            let span = spans[j]
            guard !span.isChoice, Int(span.start) < best.count else { continue }
            var bytes = padded(to: Int(span.end))
            guard bytes[span.range].contains(where: { $0 != 0 }) else { continue }
            for i in span.range { bytes[i] = 0 }
            consider(bytes)
        }
    }

    /// Lowers each choice toward zero.
    mutating func minimizeChoices() {
        var j = 0
        while j < spans.count && !exhausted {
            defer { j += 1 }
            let span = spans[j]
            guard span.isChoice, span.count <= 8, Int(span.start) < best.count else { continue }
            minimize([span.range])
        }
    }

    /// Lowers a choice that acts as a count by k and deletes k of the spans it counts: lowering
    /// a length alone drops the *last* elements, which may be the ones that make the case fail.
    mutating func lowerAndDelete() {
        var j = 0
        while j < spans.count && !exhausted {
            defer { j += 1 }
            let choice = spans[j]
            guard choice.isChoice, choice.count <= 8, Int(choice.end) <= best.count else { continue }
            let current = value(at: choice.range)
            guard current > 0, let lowered = oracle.decode(writing(current - 1, at: [choice.range])) else { continue }
            let lost = best.count - lowered.bytes.count
            guard lost > 0 else { continue }
            let targets = spans.filter { !$0.isChoice && $0.start >= choice.end && $0.count == lost && Int($0.end) <= best.count }
            for target in targets where !exhausted {
                let base = self
                let deleted = findInteger { k in
                    let end = Int(target.start) + k * lost
                    guard UInt64(k) <= current, end <= base.best.count else { return false }
                    var bytes = base.best
                    base.write(current - UInt64(k), into: &bytes, at: choice.range)
                    bytes.removeSubrange(Int(target.start)..<end)
                    return self.consider(bytes)
                }
                if deleted > 0 { break }
            }
        }
    }

    /// Deletes a composite span and lowers one later choice by one: in a command sequence,
    /// `open; setCap(1)` fails the same way as `setCap(0)`, but neither change alone keeps it
    /// failing. Tried for the last few spans only, against the choices that follow them.
    mutating func deleteAndLowerLater(window: Int = 12) {
        var j = spans.count - 1
        var tried = 0
        while j >= 0 && !exhausted && tried < 64 {
            defer { j -= 1 }
            guard j < spans.count else { continue }
            let span = spans[j]
            guard !span.isChoice, span.count > 0, Int(span.end) <= best.count else { continue }
            let limit = best.count
            let structure = spans
            // Skip structure flags ("more?" of a list or a sequence: a choice labelled like the
            // span that holds it); lowering one truncates, which the deletion passes cover.
            let later = spans[(j + 1)...].filter { choice in
                choice.isChoice && choice.start >= span.end && choice.count <= 8 && Int(choice.end) <= limit
                    && !(choice.parent >= 0 && structure[Int(choice.parent)].label == choice.label)
            }.prefix(window).map(\.range)
            for choice in later where !exhausted {
                let value = self.value(at: choice)
                guard value > 0 else { continue }
                tried += 1
                var bytes = best
                write(value - 1, into: &bytes, at: choice)
                bytes.removeSubrange(span.range)
                if consider(bytes) { break }
            }
        }
    }

    /// Tries the values 2…9 for each choice the other passes left above them: predicates that
    /// hold only on some residues (a multiple of 5, an even number) defeat adaptive searches,
    /// which stop at the first value that does not fail.
    mutating func trySmallValues() {
        var j = 0
        while j < spans.count && !exhausted {
            defer { j += 1 }
            let span = spans[j]
            guard span.isChoice, span.count <= 8, Int(span.end) <= best.count else { continue }
            let current = value(at: span.range)
            guard current > 2 else { continue }
            for small in UInt64(2)..<min(current, 10) where consider(writing(small, at: [span.range])) { break }
        }
    }

    /// Lowers choices that hold the same value together (two list entries that must stay equal).
    mutating func lowerDuplicates() {
        var groups: [[UInt8]: [Range<Int>]] = [:]
        for span in spans where span.isChoice && span.count <= 8 && Int(span.end) <= best.count {
            let slice = Array(best[span.range])
            if slice.contains(where: { $0 != 0 }) { groups[slice, default: []].append(span.range) }
        }
        for ranges in groups.values.sorted(by: { $0[0].lowerBound < $1[0].lowerBound }) where ranges.count > 1 && !exhausted {
            guard ranges.allSatisfy({ value(at: $0) == value(at: ranges[0]) }) else { continue }
            minimize(ranges)
        }
    }

    /// Nearby choice pairs of one width, for the pair passes.
    func choicePairs(window: Int = 8, skippingStructure: Bool = false) -> [(Range<Int>, Range<Int>)] {
        let choices = spans.indices.filter {
            spans[$0].isChoice && spans[$0].count <= 8 && Int(spans[$0].start) < best.count
                && !(skippingStructure && isStructureFlag($0))
        }.map { spans[$0].range }
        var pairs: [(Range<Int>, Range<Int>)] = []
        for i in choices.indices {
            for j in (i + 1)..<min(i + 1 + window, choices.count) where choices[j].count == choices[i].count {
                pairs.append((choices[i], choices[j]))
            }
        }
        return pairs
    }

    /// Lowers two choices by the same amount (keeps their difference: x ≥ 10 with y = x - 1).
    mutating func lowerPairs() {
        for (a, b) in choicePairs() where !exhausted {
            let base = self
            let x = value(at: a)
            let y = value(at: b)
            guard x > 0, y > 0 else { continue }
            _ = findInteger { k in
                UInt64(k) <= min(x, y)
                    && {
                        var bytes = base.padded(to: b.upperBound)
                        base.write(x - UInt64(k), into: &bytes, at: a)
                        base.write(y - UInt64(k), into: &bytes, at: b)
                        return self.consider(bytes)
                    }()
            }
        }
    }

    /// Moves value from an earlier choice to a later one (keeps their sum: a list whose sum must
    /// stay above a bound becomes one element).
    mutating func redistributePairs() {
        for (a, b) in choicePairs() where !exhausted {
            let base = self
            let x = value(at: a)
            let y = value(at: b)
            guard x > 0 else { continue }
            let limit = b.count >= 8 ? UInt64.max : (UInt64(1) << UInt64(b.count * 8)) - 1
            func moving(_ k: UInt64) -> [UInt8]? {
                guard k <= x, limit - y >= k else { return nil }
                var bytes = base.padded(to: b.upperBound)
                base.write(x - k, into: &bytes, at: a)
                base.write(y + k, into: &bytes, at: b)
                return bytes
            }
            if let all = moving(x), consider(all) { continue }
            _ = findInteger { k in moving(UInt64(k)).map { self.consider($0) } ?? false }
        }
    }

    /// Sorts runs of same-label siblings into ascending order.
    mutating func sortSiblings() {
        var j = 0
        while j < spans.count && !exhausted {
            defer { j += 1 }
            let first = spans[j]
            guard !first.isChoice else { continue }
            var run = [first.range]
            var k = j + 1
            while k < spans.count {
                let next = spans[k]
                if next.start >= Int32(run.last!.upperBound) {
                    guard next.parent == first.parent, next.label == first.label, Int(next.start) == run.last!.upperBound else { break }
                    run.append(next.range)
                }
                k += 1
            }
            guard run.count > 1, run.last!.upperBound <= best.count else { continue }
            let slices = run.map { Array(best[$0]) }
            let sorted = slices.sorted(by: shortlexLess)
            guard sorted != slices else { continue }
            let candidate = Array(best[..<run[0].lowerBound]) + sorted.joined() + best[run.last!.upperBound...]
            consider(candidate)
        }
    }

    /// Joins two neighbouring spans of one label (two inner lists) into one: deletes the bytes
    /// from the first one's last part (its "stop") to where the second one begins (past the
    /// outer "more"), so the first continues with the second's contents.
    mutating func mergeAdjacent() {
        var j = 0
        while j < spans.count && !exhausted {
            defer { j += 1 }
            let first = spans[j]
            guard !first.isChoice, Int(first.end) <= best.count else { continue }
            guard let second = spans[(j + 1)...].first(where: { $0.label == first.label && $0.start >= first.end }),
                let last = spans[(j + 1)...].last(where: { $0.parent == Int32(j) && !$0.isChoice })
            else { continue }
            guard Int(second.start) <= best.count, last.start < second.start else { continue }
            consider(deleting(Int(last.start)..<Int(second.start)))
        }
    }

    /// Zeroes every choice one generator made, at once: all elements of a list to zero in one
    /// call instead of one call per element.
    mutating func zeroByLabel() {
        var ranges: [UInt32: [Range<Int>]] = [:]
        var order: [UInt32] = []
        for span in spans where span.isChoice && Int(span.start) < best.count && best[span.range.clamped(to: 0..<best.count)].contains(where: { $0 != 0 }) {
            if ranges[span.label] == nil { order.append(span.label) }
            ranges[span.label, default: []].append(span.range)
        }
        for label in order where !exhausted {
            guard let group = ranges[label], group.count > 1 else { continue }
            consider(writing(0, at: group))
        }
    }

    /// Lowers the number written in every range of `ranges` (one value, kept equal) as far as it
    /// will go: zero; then halving adaptively (shift right); then subtracting adaptively; then,
    /// for small values, a few single steps down that the adaptive searches skip over (they stop
    /// at the first step that does not fail). Each search costs one call when nothing works.
    mutating func minimize(_ ranges: [Range<Int>]) {
        let start = value(at: ranges[0])
        guard start > 0, !consider(writing(0, at: ranges)), start == 1 || !consider(writing(1, at: ranges)) else { return }
        _ = findInteger { k in k < 64 && self.consider(self.writing(start >> UInt64(k), at: ranges)) }
        let halved = value(at: ranges[0])
        _ = findInteger { n in UInt64(n) <= halved && self.consider(self.writing(halved - UInt64(n), at: ranges)) }
        var current = value(at: ranges[0])
        if current <= 256 {
            for step in 2...4 where current >= UInt64(step) {
                if consider(writing(current - UInt64(step), at: ranges)) {
                    current -= UInt64(step)
                    break
                }
            }
        }

        // An integer across zero is a magnitude then a sign byte of the same label: -(m - 1) is
        // simpler than m, so try lowering the magnitude while setting the sign.
        guard ranges.count == 1, current > 0, let sign = signRange(after: ranges[0]), value(at: sign) == 0 else { return }
        var bytes = writing(current - 1, at: ranges)
        write(1, into: &bytes, at: sign)
        consider(bytes)
    }

    /// The sign byte that follows the magnitude choice in `range`, if there is one.
    func signRange(after range: Range<Int>) -> Range<Int>? {
        guard let index = spans.firstIndex(where: { $0.isChoice && Int($0.start) == range.lowerBound && Int($0.end) == range.upperBound }),
            index + 1 < spans.count
        else { return nil }
        let next = spans[index + 1]
        guard next.isChoice, next.count == 1, next.label == spans[index].label, Int(next.start) == range.upperBound else { return nil }
        return next.range
    }
}
