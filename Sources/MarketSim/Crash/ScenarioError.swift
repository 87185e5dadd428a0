/// Why a scenario cannot run: a typed error that says what and where.
public enum ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A model, phase or crash parameter out of range.
    case parameter(ParameterError)
    /// The correlation between symbols is not a valid correlation matrix.
    case correlation(CorrelationError)
    /// No symbols to simulate.
    case noSymbols
    /// A symbol name that is not a valid symbol, with the reason.
    case invalidSymbol(String, reason: String)
    /// The same symbol twice.
    case duplicateSymbol(String)
    /// No phases, or only phases of zero duration.
    case noPhases
    /// A transformer refused the market it was given (its index in the scenario's list).
    case transformer(index: Int, ParameterError)
    /// More bars (all symbols together) than the simulator's memory bound allows.
    case tooManyBars(requested: Int, limit: Int)
    /// More symbols than one run may have.
    case tooManySymbols(Int, limit: Int)

    public var description: String {
        switch self {
        case .parameter(let e): e.description
        case .correlation(let e): e.description
        case .noSymbols: "scenario: the symbol list is empty"
        case .invalidSymbol(let text, let reason): "scenario: symbol \"\(text)\" is invalid: \(reason)"
        case .duplicateSymbol(let text): "scenario: symbol \(text) is listed twice"
        case .transformer(let index, let error): "scenario: transformer \(index): \(error.description)"
        case .noPhases: "scenario: no phase lasts any time"
        case .tooManyBars(let requested, let limit): "scenario: \(requested) bars requested, more than the limit of \(limit) (all symbols together)"
        case .tooManySymbols(let count, let limit): "scenario: \(count) symbols, more than the limit of \(limit)"
        }
    }
}
