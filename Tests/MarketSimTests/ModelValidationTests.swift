import MarketSim
import Testing

/// Every invalid model parameter and correlation matrix is refused with a typed error naming it.
@Suite struct ModelValidationTests {
    static let garch = (drift: 0.05, volatility: 0.3, alpha: 0.09, beta: 0.89, nu: 5.0)

    /// (spec, model, parameter named in the error).
    static let invalidSpecs: [(PriceModelSpec, String, String)] = [
        (.gbm(drift: .nan, volatility: 0.3), "GBM", "drift"),
        (.gbm(drift: .infinity, volatility: 0.3), "GBM", "drift"),
        (.gbm(drift: 0, volatility: -0.1), "GBM", "volatility"),
        (.gbm(drift: 0, volatility: .nan), "GBM", "volatility"),
        (.gbm(drift: 0, volatility: .infinity), "GBM", "volatility"),
        (.garch(drift: 0, longRunVolatility: 0, alpha: 0.09, beta: 0.89, degreesOfFreedom: 5), "GARCH", "longRunVolatility"),
        (.garch(drift: 0, longRunVolatility: -0.3, alpha: 0.09, beta: 0.89, degreesOfFreedom: 5), "GARCH", "longRunVolatility"),
        (.garch(drift: 0, longRunVolatility: 0.3, alpha: -0.01, beta: 0.89, degreesOfFreedom: 5), "GARCH", "alpha"),
        (.garch(drift: 0, longRunVolatility: 0.3, alpha: .nan, beta: 0.89, degreesOfFreedom: 5), "GARCH", "alpha"),
        (.garch(drift: 0, longRunVolatility: 0.3, alpha: 0.09, beta: .infinity, degreesOfFreedom: 5), "GARCH", "beta"),
        (.garch(drift: 0, longRunVolatility: 0.3, alpha: 0.1, beta: 0.9, degreesOfFreedom: 5), "GARCH", "alpha + beta"),
        (.garch(drift: 0, longRunVolatility: 0.3, alpha: 0.5, beta: 0.6, degreesOfFreedom: 5), "GARCH", "alpha + beta"),
        (.garch(drift: 0, longRunVolatility: 0.3, alpha: 0.09, beta: 0.89, degreesOfFreedom: 2), "GARCH", "degreesOfFreedom"),
        (.garch(drift: 0, longRunVolatility: 0.3, alpha: 0.09, beta: 0.89, degreesOfFreedom: 1.5), "GARCH", "degreesOfFreedom"),
        (.garch(drift: 0, longRunVolatility: 0.3, alpha: 0.09, beta: 0.89, degreesOfFreedom: .nan), "GARCH", "degreesOfFreedom"),
        (.merton(drift: 0, volatility: -1, jumpIntensity: 1, jumpMean: 0, jumpVolatility: 0.1), "Merton", "volatility"),
        (.merton(drift: 0, volatility: 0.3, jumpIntensity: -1, jumpMean: 0, jumpVolatility: 0.1), "Merton", "jumpIntensity"),
        (.merton(drift: 0, volatility: 0.3, jumpIntensity: .infinity, jumpMean: 0, jumpVolatility: 0.1), "Merton", "jumpIntensity"),
        (.merton(drift: 0, volatility: 0.3, jumpIntensity: 1, jumpMean: .nan, jumpVolatility: 0.1), "Merton", "jumpMean"),
        (.merton(drift: 0, volatility: 0.3, jumpIntensity: 1, jumpMean: 0, jumpVolatility: -0.1), "Merton", "jumpVolatility"),
    ]

    @Test(arguments: invalidSpecs)
    func anInvalidParameterIsNamed(spec: PriceModelSpec, model: String, parameter: String) {
        #expect(throws: ParameterError.self) { try spec.validate() }
        do {
            _ = try spec.model(interval: .minutes(1))
            Issue.record("\(spec) was accepted")
        } catch {
            #expect(error.model == model && error.parameter == parameter, "\(error)")
            #expect(error.description.contains(parameter))
        }
    }

    @Test(arguments: [SimDuration.zero, SimDuration(nanoseconds: -1), .seconds(-60)])
    func aNonPositiveIntervalIsRefused(interval: SimDuration) {
        for spec in [PriceModelSpec.gbm(drift: 0, volatility: 0.3), .merton(drift: 0, volatility: 0.3, jumpIntensity: 1, jumpMean: 0, jumpVolatility: 0.1)] {
            #expect(throws: ParameterError.self) { try spec.model(interval: interval) }
            do { _ = try spec.model(interval: interval) } catch { #expect(error.parameter == "interval (ns)") }
        }
    }

    @Test(arguments: [0.0, -1, .nan, .infinity, -.infinity])
    func aNonPositiveStartPriceIsRefused(price: Double) throws {
        let model = try PriceModelSpec.gbm(drift: 0, volatility: 0.3).model(interval: .minutes(1))
        do {
            _ = try BarGenerator(model: model, startPrice: price)
            Issue.record("start price \(price) was accepted")
        } catch {
            #expect(error.model == "BarGenerator" && error.parameter == "startPrice", "\(error)")
        }
    }

    @Test func aValidSpecIsAccepted() throws {
        let g = Self.garch
        try PriceModelSpec.garch(drift: g.drift, longRunVolatility: g.volatility, alpha: g.alpha, beta: g.beta, degreesOfFreedom: g.nu).validate()
        try PriceModelSpec.gbm(drift: 0, volatility: 0).validate()
    }

    /// Pairwise ±0.9 that cannot hold together: (0,1) and (0,2) strongly positive but (1,2)
    /// strongly negative. Factoring fails at entry (2, 2).
    @Test func aMatrixThatIsNotPositiveSemidefiniteIsRefusedAtItsEntry() {
        let rows: [[Double]] = [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]
        #expect {
            try CorrelationMatrix(rows)
        } throws: { error in
            guard case .notPositiveSemidefinite(index: 2, let pivot)? = error as? CorrelationError else { return false }
            return pivot < 0
        }
        #expect(throws: CorrelationError.self) { try CorrelationMatrix.uniform(4, rho: -0.5) }
    }

    @Test func aSingularButSemidefiniteMatrixIsAccepted() throws {
        let matrix = try CorrelationMatrix([[1, 1], [1, 1]])
        #expect(matrix.factor == [1, 0, 1, 0])
    }

    @Test func nanAsymmetricAndBadDiagonalEntriesAreNamed() {
        func refusal(_ rows: [[Double]]) -> CorrelationError? {
            do {
                _ = try CorrelationMatrix(rows)
                return nil
            } catch { return error }
        }
        guard case .notFinite(row: 0, column: 1, let value)? = refusal([[1, .nan], [.nan, 1]]), value.isNaN else {
            Issue.record("NaN not named: \(String(describing: refusal([[1, .nan], [.nan, 1]])))")
            return
        }
        #expect(refusal([[1, .infinity], [0, 1]]) == .notFinite(row: 0, column: 1, value: .infinity))
        #expect(refusal([[1, 0.5], [0.4, 1]]) == .notSymmetric(row: 1, column: 0, value: 0.4, transposed: 0.5))
        #expect(refusal([[1, 0], [0, 0.9]]) == .diagonalNotOne(index: 1, value: 0.9))
        #expect(refusal([[1, 1.5], [1.5, 1]]) == .outOfRange(row: 0, column: 1, value: 1.5))
        #expect(refusal([[1, 0], [0]]) == .notSquare(row: 1, count: 1, expected: 2))
        #expect(refusal([]) == .empty)
        #expect(refusal([[1, 0.5], [0.4, 1]])?.description.contains("(1, 0)") == true)
    }
}
