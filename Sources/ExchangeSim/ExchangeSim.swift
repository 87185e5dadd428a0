// The production venue (issue 11): see docs/exchange.md.
