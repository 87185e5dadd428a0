/// A model or scenario parameter outside its allowed range: names the model, the parameter,
/// the value given and the range allowed. NaN and infinity are always outside.
public struct ParameterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The model or scenario the parameter belongs to, e.g. `GARCH`.
    public let model: String
    /// The parameter's name, e.g. `alpha + beta`.
    public let parameter: String
    /// The value given.
    public let value: Double
    /// The allowed range, as a user would write it, e.g. `0 ≤ alpha + beta < 1`.
    public let allowed: String

    public init(model: String, parameter: String, value: Double, allowed: String) {
        self.model = model
        self.parameter = parameter
        self.value = value
        self.allowed = allowed
    }

    public var description: String { "\(model): \(parameter) = \(value) is outside the allowed range \(allowed)" }

    /// Throws unless `value` is finite and `isAllowed` holds.
    static func require(
        _ model: String, _ parameter: String, _ value: Double, _ allowed: String,
        _ isAllowed: (Double) -> Bool
    ) throws(ParameterError) {
        guard value.isFinite, isAllowed(value) else {
            throw ParameterError(model: model, parameter: parameter, value: value, allowed: allowed)
        }
    }

    /// Throws unless `interval` is positive.
    static func requirePositive(_ model: String, interval: SimDuration) throws(ParameterError) {
        guard interval.nanoseconds > 0 else {
            throw ParameterError(model: model, parameter: "interval (ns)", value: Double(interval.nanoseconds), allowed: "> 0")
        }
    }
}
