import Testing

@testable import TradingMachines

/// The temporary file's name is built in one string; these pin it to what interpolation gives.
@Suite struct AtomicFileNameTests {
    @Test(arguments: [
        ("state.json.tmp-", UInt64(0), UInt64(0)),
        ("/var/lib/stresscheck/super-state.json.tmp-", 12_345, 1),
        ("x.tmp-", 4_294_967_295, UInt64.max),
        ("tést.tmp-", 9, 10),
    ])
    func temporaryNameIsPrefixPidDashSerial(prefix: String, pid: UInt64, serial: UInt64) {
        #expect(AtomicFile.temporaryName(prefix: prefix, processID: pid, serial: serial) == "\(prefix)\(pid)-\(serial)")
    }
}
