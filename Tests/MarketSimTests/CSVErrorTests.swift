import MarketSim
import Testing

/// Every error names the file, the line and the column, and says what was wrong.
@Suite struct CSVErrorTests {
    private let header = "Date,Open,High,Low,Close,Volume\n"
    private let row = "2024-01-02,1,2,1,1.5,10\n"

    @Test func unparsableNumberNamesLineAndColumn() throws {
        let error = try #require(loadError(header + row + "2024-01-03,1,abc,1,1.5,10\n"))
        #expect(error == CSVError(file: "t.csv", line: 3, column: 3, columnName: "High", kind: .unparsableNumber("abc")))
        #expect(error.description == #"t.csv, line 3, column 3 (High): unparsable number "abc""#)
        // Without a header the standard names are used.
        #expect(
            loadError(row + "2024-01-03,1,2,1,1.5,1O\n")
                == CSVError(file: "t.csv", line: 2, column: 6, columnName: "Volume", kind: .unparsableNumber("1O")))
        for text in ["1.2.3", "0x1p3", "12abc", "$", "1,5", "nan(1)", "--1"] {
            #expect(loadError(header + "2024-01-02,\"\(text)\",2,1,1.5,10\n")?.kind == .unparsableNumber(text), "\(text)")
        }
        // Long fields are cut in the message.
        let long = String(repeating: "9x", count: 40)
        #expect(loadError(header + "2024-01-02,\(long),2,1,1.5,10\n")?.kind == .unparsableNumber(String(long.prefix(39)) + "…"))
    }

    @Test func unknownDateFormat() throws {
        for text in [
            "Jan 2 2024", "2024-01", "02-01-2024", "2024-01-02T", "2024-01-02 9", "2024-01-02T09:30:00X", "1/2/24",
            "20240102T", "1704153600.5.5", "2024-01-02T09:30:00.1234567891Z", "-1704153600", "2024-01-02 13:00 PM",
        ] {
            #expect(
                loadError(header + row + "\(text),1,2,1,1.5,10\n")
                    == CSVError(file: "t.csv", line: 3, column: 1, columnName: "Date", kind: .unknownDateFormat(text)), "\(text)")
        }
        // A header in another language is taken for data: its first field is not a date.
        #expect(loadError("Datum,Eröffnung,Hoch,Tief,Schluss,Volumen\n")?.kind == .unknownDateFormat("Datum"))
    }

    @Test func invalidDate() throws {
        for text in [
            "2024-02-30", "2023-02-29", "2024-13-01", "2024-01-02T24:00:00", "2024-01-02T23:60", "13/1/2024", "1/32/2024",
            "1600-01-01", "2262-01-01", "99999999999999999999", "9999999999",
        ] {
            #expect(
                loadError(header + "\(text),1,2,1,1.5,10\n")
                    == CSVError(file: "t.csv", line: 2, column: 1, columnName: "Date", kind: .invalidDate(text)), "\(text)")
        }
        // The date column of a Date,Time pair is named.
        #expect(
            loadError("Open,High,Low,Close,Volume,Date,Time\n1,2,1,1.5,10,2024-01-02,25:00\n")
                == CSVError(file: "t.csv", line: 2, column: 6, columnName: "Date", kind: .invalidDate("2024-01-02 25:00")))
    }

    @Test func missingAndDuplicateColumns() throws {
        #expect(
            loadError("Date,Open,High,Low,Close\n2024-01-02,1,2,1,1.5\n")
                == CSVError(file: "t.csv", line: 1, kind: .missingColumn("Volume")))
        #expect(loadError("Open,High,Low,Close,Volume\n")?.kind == .missingColumn("Date"))
        #expect(
            loadError("\n\nDate,Open,High,Low,Close,Close,Volume\n")
                == CSVError(file: "t.csv", line: 3, column: 6, columnName: "Close", kind: .duplicateColumn("Close")))
        #expect(
            loadError("Timestamp,Date,Open,High,Low,Close,Volume\n")
                == CSVError(file: "t.csv", line: 1, column: 2, columnName: "Date", kind: .duplicateColumn("Date")))
    }

    @Test func wrongFieldCountPointsAtTheFirstMissingOrExtraField() throws {
        #expect(
            loadError(header + row + row + "2024-01-04,1,2,1,1.5\n")
                == CSVError(file: "t.csv", line: 4, column: 6, columnName: "Volume", kind: .wrongFieldCount(expected: 6, found: 5)))
        #expect(
            loadError(header + "2024-01-04,1,2,1,1.5,10,11\n")
                == CSVError(file: "t.csv", line: 2, column: 7, kind: .wrongFieldCount(expected: 6, found: 7)))
        #expect(loadError(row + "2024-01-04,1,2,1,1.5,1.4,10\n")?.kind == .wrongFieldCount(expected: 6, found: 7))
    }

    @Test func unrecognizedLayout() throws {
        #expect(loadError("1,2,3\n") == CSVError(file: "t.csv", line: 1, kind: .unrecognizedLayout(fieldCount: 3)))
        #expect(loadError("\n2024-01-02,1,2,1,10\n") == CSVError(file: "t.csv", line: 2, kind: .unrecognizedLayout(fieldCount: 5)))
    }

    @Test func quotingErrors() throws {
        #expect(
            loadError(header + "2024-01-02,\"1.5,2,1,1.5,10\n")
                == CSVError(file: "t.csv", line: 2, column: 2, columnName: "Open", kind: .unterminatedQuote))
        #expect(
            loadError(header + "2024-01-02,1,2,1,\"1.5\"x,10\n")
                == CSVError(file: "t.csv", line: 2, column: 5, columnName: "Close", kind: .textAfterClosingQuote))
        #expect(loadError(header + "2024-01-02,1,2,1,1.5,\"1\"\"0\"\n")?.kind == .unparsableNumber("1\"0"))
    }

    @Test func emptyFiles() throws {
        for text in ["", "\n", "\r\n\r\n", "   \n\t\n", "\u{FEFF}", "\u{FEFF}\n\n"] {
            #expect(loadError(text) == CSVError(file: "t.csv", kind: .emptyFile), "\(text.debugDescription)")
        }
        #expect(CSVError(file: "t.csv", kind: .emptyFile).description == "t.csv: empty file (no rows)")
    }

    @Test func utf16IsRefused() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("D\0a\0t\0e\0\n\0".utf8)
        #expect(parseOutcome(bytes) == .failure(CSVError(file: "t.csv", line: 1, kind: .unsupportedEncoding("UTF-16"))))
    }

    @Test func limits() throws {
        let limits = CSVLimits(maxFileBytes: 1000, maxLineBytes: 40, maxRows: 3)
        #expect(try load(header + row + row + row, limits: limits).bars.count == 3)
        #expect(
            loadError(header + row + row + row + row, limits: limits)
                == CSVError(file: "t.csv", line: 5, kind: .tooManyRows(limit: 3)))
        let long = "2024-01-02,1,2,1,1.5,10" + String(repeating: " ", count: 20) + "\n"
        #expect(loadError(header + long, limits: limits) == CSVError(file: "t.csv", line: 2, kind: .lineTooLong(limitBytes: 40)))
        // Exactly the limit passes; `\r` is not counted.
        let exact = "2024-01-02,1,2,1,1.5,10" + String(repeating: " ", count: 40 - 23)
        #expect(try load(header + exact + "\r\n", limits: limits).bars.count == 1)
        #expect(loadError(header + exact + " ", limits: limits) == CSVError(file: "t.csv", line: 2, kind: .lineTooLong(limitBytes: 40)))
        // A line that never ends is refused once it passes the limit, whatever the chunks.
        #expect(
            loadError(header + String(repeating: "1", count: 10_000), limits: CSVLimits(maxLineBytes: 100))?.kind
                == .lineTooLong(limitBytes: 100))
        let big = header + String(repeating: row, count: 50)
        #expect(loadError(big, limits: CSVLimits(maxFileBytes: 1000)) == CSVError(file: "t.csv", kind: .fileTooLarge(limitBytes: 1000)))
    }

    @Test func descriptionsSayWhatWasWrong() {
        let kinds: [CSVError.Kind] = [
            .fileNotFound, .unreadable(reason: "Permission denied"), .fileTooLarge(limitBytes: 10), .lineTooLong(limitBytes: 4),
            .tooManyRows(limit: 2), .emptyFile, .unsupportedEncoding("UTF-16"), .unrecognizedLayout(fieldCount: 3),
            .missingColumn("Volume"), .duplicateColumn("Close"), .wrongFieldCount(expected: 6, found: 5), .unterminatedQuote,
            .textAfterClosingQuote, .unparsableNumber("x"), .unknownDateFormat("x"), .invalidDate("x"), .invalidSymbol("A B", .empty),
        ]
        #expect(Set(kinds.map(\.description)).count == kinds.count)
        #expect(CSVError(file: "a.csv", line: 7, kind: .lineTooLong(limitBytes: 4)).description == "a.csv, line 7: line longer than the limit of 4 bytes")
    }
}
