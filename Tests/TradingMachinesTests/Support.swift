import TradingMachines
import TradingVocabulary

/// A symbol from a literal known to be valid (tests only).
func sym(_ text: String) -> Symbol {
    guard let symbol = try? Symbol(text) else { preconditionFailure("invalid test symbol \(text)") }
    return symbol
}

let btc = sym("BTC-USD")
let eth = sym("ETH-USD")
let sol = sym("SOL-USD")
let ada = sym("ADA-USD")
let uni = sym("UNI-USD")
let aave = sym("AAVE-USD")
let doge = sym("DOGE-USD")
let unknown = sym("ZZZ-USD")

/// `count` distinct symbols P0-USD, P1-USD, …
func symbols(_ count: Int) -> [Symbol] { (0..<count).map { sym("P\($0)-USD") } }
