import Foundation

/// The line under a benchmark's table: every target met, or the ones missed, and then exit
/// status 1 (so that a script or CI step sees a miss without reading the table). Figures that
/// could not be measured are named, and never called met.
public func reportTargets(missed: [String], notMeasured: [String] = []) {
    if !missed.isEmpty {
        print("MISSED: " + missed.joined(separator: "; "))
        exit(1)
    }
    print(notMeasured.isEmpty ? "every target met" : "every measured target met; NOT MEASURED: " + notMeasured.joined(separator: "; "))
}
