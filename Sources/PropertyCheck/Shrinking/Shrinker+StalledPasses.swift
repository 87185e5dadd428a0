extension Shrinker {
    /// Passes that try several candidates per choice or span: run when the plain passes stall.
    static var stalledPasses: [ShrinkPass<Oracle>] {
        [
            ShrinkPass(name: "redistribute pairs in a ratio") { $0.redistributeInRatio() },
            ShrinkPass(name: "delete and raise a later choice") { $0.deleteAndRaiseLater() },
            ShrinkPass(name: "lower a choice and delete the next") { $0.lowerAndDeleteNext() },
        ]
    }

    /// True for a collection's "one more?" flag: a one-byte choice that opens a span with its own
    /// label. Lowering one truncates the collection, which the deletion passes cover.
    func isStructureFlag(_ index: Int) -> Bool {
        let choice = spans[index]
        guard choice.isChoice, choice.count == 1, choice.parent >= 0 else { return false }
        let parent = spans[Int(choice.parent)]
        return parent.label == choice.label && parent.start == choice.start
    }

    /// Moves value from an earlier choice of a pair to a later one in a ratio other than 1:1:
    /// when 2x + y must stay above a bound, x can fall only if y rises twice as much. Tries all
    /// of x at 2, 3 and 4 units of y per unit, then adaptively k units of x for 2k or 3k of y,
    /// and 2k or 3k units of x for k of y.
    mutating func redistributeInRatio() {
        for (a, b) in choicePairs(skippingStructure: true) where !passSpent {
            let base = self
            let x = value(at: a)
            let y = value(at: b)
            guard x > 0 else { continue }
            let limit = b.count >= 8 ? UInt64.max : (UInt64(1) << UInt64(b.count * 8)) - 1
            func moving(_ taken: UInt64, _ given: UInt64) -> [UInt8]? {
                guard taken <= x, given <= limit - y else { return nil }
                var bytes = base.padded(to: b.upperBound)
                base.write(x - taken, into: &bytes, at: a)
                base.write(y + given, into: &bytes, at: b)
                return bytes
            }
            var moved = false
            for ratio: UInt64 in 2...4 where !moved && x <= UInt64.max / ratio {
                if let all = moving(x, ratio * x), consider(all) { moved = true }
            }
            if moved { continue }
            for (per, ratio): (Bool, UInt64) in [(true, 2), (true, 3), (false, 2), (false, 3)] where !passSpent {
                let x = value(at: a)
                let y = value(at: b)
                guard x > 0 else { break }
                let now = self
                _ = findInteger { k in
                    let k = UInt64(k)
                    guard k <= x / ratio + 1, k < UInt64(Int32.max) else { return false }
                    let (taken, given) = per ? (k, ratio * k) : (ratio * k, k)
                    guard taken <= x, given <= limit - y else { return false }
                    var bytes = now.padded(to: b.upperBound)
                    now.write(x - taken, into: &bytes, at: a)
                    now.write(y + given, into: &bytes, at: b)
                    return self.consider(bytes)
                }
            }
        }
    }

    /// Deletes a composite span and raises one of the next few choices after it by what the
    /// span's own choices add up to (and one more): in a list drawn as steps from the element
    /// before, deleting an element moves every later element down by its step, unless the next
    /// step grows by as much. Each candidate is also tried without the first "more?" flag after
    /// the span: deleting one of the elements a list must have makes the next optional element
    /// take its place.
    mutating func deleteAndRaiseLater(window: Int = 3) {
        var j = spans.count - 1
        var tried = 0
        while j >= 0 && !passSpent && tried < 64 {
            defer { j -= 1 }
            guard j < spans.count else { continue }
            let span = spans[j]
            guard !span.isChoice, span.count > 0, Int(span.end) <= best.count else { continue }
            var total: UInt64 = 0
            for k in spans.indices[(j + 1)...] where spans[k].start < span.end {
                if spans[k].isChoice && spans[k].count <= 8 && !isStructureFlag(k) { total &+= value(at: spans[k].range) }
            }
            guard total > 0, total < UInt64(UInt32.max) else { continue }
            let limit = best.count
            let now = self
            let later = now.spans.indices[(j + 1)...].filter {
                now.spans[$0].isChoice && now.spans[$0].start >= span.end && now.spans[$0].count <= 8
                    && Int(now.spans[$0].end) <= limit && !now.isStructureFlag($0)
            }.prefix(window).map { now.spans[$0].range }
            let flag = now.spans.indices[(j + 1)...].first { k in
                now.spans[k].start >= span.end && Int(now.spans[k].end) <= limit && now.isStructureFlag(k)
            }.map { now.spans[$0].range }
            tried += 1
            // A candidate taken replaces `best` and its spans: `span` and `flag` then name
            // ranges of the old bytes, which the last try below must not cut from the new ones.
            var improved = false
            search: for choice in later where !passSpent {
                let current = value(at: choice)
                let maximum = choice.count >= 8 ? UInt64.max : (UInt64(1) << UInt64(choice.count * 8)) - 1
                for amount in [total, total + 1] where amount <= maximum - current {
                    for dropFlag in [false, true] where !dropFlag || flag.map({ $0.lowerBound >= choice.upperBound }) == true {
                        var bytes = best
                        write(current + amount, into: &bytes, at: choice)
                        if dropFlag, let flag { bytes.removeSubrange(flag) }
                        bytes.removeSubrange(span.range)
                        if consider(bytes) {
                            improved = true
                            break search
                        }
                    }
                }
            }
            if !improved, let flag, !passSpent {
                var bytes = best
                bytes.removeSubrange(flag)
                bytes.removeSubrange(span.range)
                consider(bytes)
            }
        }
    }

    /// Lowers a choice (by one, or to zero) and deletes the choice right after it: a parent's
    /// key at the bottom of its range leaves no room below, so the child's "present?" flag that
    /// followed it is no longer drawn, and lowering the key alone misreads every byte after it.
    mutating func lowerAndDeleteNext() {
        var j = 0
        var tried = 0
        while j + 1 < spans.count && !passSpent && tried < 64 {
            defer { j += 1 }
            let choice = spans[j]
            guard choice.isChoice, choice.count <= 8, Int(choice.end) <= best.count, !isStructureFlag(j) else { continue }
            let current = value(at: choice.range)
            guard current > 0, let next = spans[(j + 1)...].first(where: { $0.isChoice && $0.start >= choice.end && $0.count > 0 }),
                Int(next.end) <= best.count
            else { continue }
            tried += 1
            for lowered in Set([current - 1, 0]).sorted() where !passSpent {
                var bytes = best
                write(lowered, into: &bytes, at: choice.range)
                bytes.removeSubrange(next.range)
                if consider(bytes) { break }
            }
        }
    }
}
