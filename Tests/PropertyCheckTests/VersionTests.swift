import Testing
@testable import PropertyCheck

@Test func layoutVersionIsOne() { #expect(PropertyCheckVersion.choiceStreamLayout == 1) }
