/// A validated correlation matrix and its Cholesky factor, for correlated multi-asset paths.
///
/// Valid means: square, every entry finite and in −1…1, ones on the diagonal, symmetric (to 1e-12),
/// and positive semi-definite. The factor `L` (lower triangular, `L·Lᵀ = C`) turns independent
/// unit-variance shocks into correlated ones; a semi-definite matrix (e.g. two symbols perfectly
/// correlated) is accepted and its factor has zero columns where the matrix is singular.
public struct CorrelationMatrix: Hashable, Sendable {
    /// The matrix, row by row.
    public let rows: [[Double]]
    /// The Cholesky factor, row-major, `count × count`, zero above the diagonal.
    public let factor: [Double]

    /// The number of symbols.
    public var count: Int { rows.count }

    /// The identity: independent symbols.
    public static func independent(_ count: Int) -> CorrelationMatrix {
        // The identity is valid by construction.
        do {
            return try CorrelationMatrix((0..<count).map { i in (0..<count).map { $0 == i ? 1 : 0 } })
        } catch {
            preconditionFailure("the identity matrix failed validation: \(error)")
        }
    }

    /// Every pair correlated by `rho`; valid for `−1/(count−1) ≤ rho ≤ 1`.
    public static func uniform(_ count: Int, rho: Double) throws(CorrelationError) -> CorrelationMatrix {
        try CorrelationMatrix((0..<count).map { i in (0..<count).map { $0 == i ? 1 : rho } })
    }

    /// Validates `rows` and factors it.
    /// - Throws: ``CorrelationError`` naming the offending entry.
    public init(_ rows: [[Double]]) throws(CorrelationError) {
        let n = rows.count
        guard n > 0 else { throw .empty }
        for (i, row) in rows.enumerated() {
            guard row.count == n else { throw .notSquare(row: i, count: row.count, expected: n) }
            for (j, x) in row.enumerated() {
                guard x.isFinite else { throw .notFinite(row: i, column: j, value: x) }
                guard abs(x) <= 1 else { throw .outOfRange(row: i, column: j, value: x) }
            }
            guard row[i] == 1 else { throw .diagonalNotOne(index: i, value: row[i]) }
        }
        for i in 0..<n {
            for j in 0..<i where abs(rows[i][j] - rows[j][i]) > 1e-12 {
                throw .notSymmetric(row: i, column: j, value: rows[i][j], transposed: rows[j][i])
            }
        }
        var l = [Double](repeating: 0, count: n * n)
        let tolerance = 1e-10
        for j in 0..<n {
            var pivot = rows[j][j]
            for k in 0..<j { pivot -= l[j * n + k] * l[j * n + k] }
            if pivot < -tolerance { throw .notPositiveSemidefinite(index: j, pivot: pivot) }
            let diagonal = pivot > tolerance ? pivot.squareRoot() : 0
            l[j * n + j] = diagonal
            for i in (j + 1)..<max(j + 1, n) {
                var sum = rows[i][j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if diagonal > 0 {
                    l[i * n + j] = sum / diagonal
                } else if abs(sum) > 1e-8 {
                    // A zero pivot needs the rest of its column to be zero too: entry (i, j)
                    // cannot be reached from the correlations before it.
                    throw .inconsistentEntry(row: i, column: j, residual: sum)
                }
            }
        }
        self.rows = rows
        self.factor = l
    }
}

/// Why a correlation matrix was refused, naming the entry.
public enum CorrelationError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case notSquare(row: Int, count: Int, expected: Int)
    case notFinite(row: Int, column: Int, value: Double)
    case outOfRange(row: Int, column: Int, value: Double)
    case diagonalNotOne(index: Int, value: Double)
    case notSymmetric(row: Int, column: Int, value: Double, transposed: Double)
    /// Factoring failed at `index`: the leading block up to this row and column has a negative
    /// eigenvalue, so entry (index, index) and the correlations before it are inconsistent.
    case notPositiveSemidefinite(index: Int, pivot: Double)
    /// Row `column` is a combination of the rows before it (a zero pivot), and entry
    /// (row, column) disagrees with that combination by `residual`.
    case inconsistentEntry(row: Int, column: Int, residual: Double)

    public var description: String {
        switch self {
        case .empty: "correlation matrix: no symbols"
        case .notSquare(let row, let count, let expected): "correlation matrix: row \(row) has \(count) entries, expected \(expected)"
        case .notFinite(let row, let column, let value): "correlation matrix: entry (\(row), \(column)) is \(value), not a finite number"
        case .outOfRange(let row, let column, let value): "correlation matrix: entry (\(row), \(column)) = \(value) is outside -1…1"
        case .diagonalNotOne(let index, let value): "correlation matrix: diagonal entry (\(index), \(index)) = \(value), must be 1"
        case .notSymmetric(let row, let column, let value, let transposed):
            "correlation matrix: entry (\(row), \(column)) = \(value) differs from (\(column), \(row)) = \(transposed)"
        case .inconsistentEntry(let row, let column, let residual):
            "correlation matrix: not positive semi-definite at entry (\(row), \(column)) (off by \(residual)): row \(column) is fixed by the rows before it"
        case .notPositiveSemidefinite(let index, let pivot):
            "correlation matrix: not positive semi-definite at entry (\(index), \(index)) (pivot \(pivot)): the correlations up to row \(index) are inconsistent"
        }
    }
}
