import Testing

@testable import SegCore

/// Regression tests for issue 16: values read from a file never trap.
///
/// Integer sums that overflow
/// and money that is not finite are data errors; a header wider than the column limit is refused
/// before any row is read; blank header names are reported.
@Suite struct DataLimitsTests {
  static let header = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"

  func rfm(_ rows: String, asOf: String? = nil) throws -> RFMResult {
    let loaded = try TableLoader.load(text: Self.header + rows)
    return try RFM.compute(
      loaded.table, roles: loaded.roles,
      options: RFMOptions(asOf: asOf.flatMap(CivilCalendar.parseISO)))
  }

  @Test func aQuantityThatOverflowsTheItemCountIsAnErrorNotATrap() {
    let rows =
      "1,A,9223372036854775807,2011-01-01,1.0,17850\n2,A,9223372036854775807,2011-01-02,1.0,17850\n"
    #expect(throws: RFMError.self) { try rfm(rows) }
    do {
      _ = try rfm(rows)
    } catch let error as RFMError {
      #expect(error.code == .overflow)
      // 2^63 - 1 read as a double is 2^63, which no Int64 holds: the first row is at fault.
      #expect(error.message.contains("row 1"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func moneyThatOverflowsToInfinityIsAnError() {
    do {
      _ = try rfm("1,A,10,2011-01-01,1e308,17850\n")
      Issue.record("no error")
    } catch let error as RFMError {
      #expect(error.code == .nonFiniteMoney)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func aPriceOfInfinityIsNotANumber() {
    #expect(throws: LoadError.self) {
      try TableLoader.load(text: Self.header + "1,A,1,2011-01-01,1e999,17850\n")
    }
    do {
      _ = try TableLoader.load(text: Self.header + "1,A,1,2011-01-01,1e999,17850\n")
    } catch {
      #expect(error.code == .nonNumericValue)
      #expect(error.line == 2)
      #expect(error.column == 5)
    }
  }

  @Test func aLastDateOn9999_12_31NeedsAnExplicitAsof() throws {
    do {
      _ = try rfm("1,A,1,9999-12-31,1.0,17850\n")
      Issue.record("no error")
    } catch let error as RFMError {
      #expect(error.message.contains("9999-12-31"))
    }
    let r = try rfm("1,A,1,9999-12-31,1.0,17850\n2,A,1,2011-01-01,1.0,17851\n", asOf: "2012-01-01")
    #expect(r.table.rowCount == 1)
  }

  @Test func aHeaderWiderThanTheColumnLimitIsRefused() {
    let wide = (0...LoadOptions.maximumColumns).map { "c\($0)" }.joined(separator: ",") + "\n1\n"
    do {
      _ = try TableLoader.load(text: wide)
      Issue.record("no error")
    } catch {
      #expect(error.code == .tooManyColumns)
      #expect(error.line == 1)
      #expect(error.column == LoadOptions.maximumColumns + 1)
    }
    let widest =
      (0..<LoadOptions.maximumColumns).map { "c\($0)" }.joined(separator: ",") + "\n"
      + (0..<LoadOptions.maximumColumns).map { _ in "1" }.joined(separator: ",") + "\n"
    #expect(
      (try? TableLoader.load(text: widest))?.table.columns.count == LoadOptions.maximumColumns)
  }

  @Test func blankHeaderNamesAreReported() throws {
    let loaded = try TableLoader.load(text: "a,,b, \n1,2,3,4\n")
    #expect(loaded.table.columnNames == ["a", "column_2", "b", "column_4"])
    #expect(
      loaded.report.warnings == ["2 header fields are blank: they are named column_2, column_4"])
  }
}
