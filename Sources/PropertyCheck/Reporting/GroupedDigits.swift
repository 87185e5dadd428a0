/// Whole numbers as reports print them: digits in groups of three, locale-independent, so the
/// same output on every machine (`1234567` as `1,234,567`).
public enum GroupedDigits {
    public static func text(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}
