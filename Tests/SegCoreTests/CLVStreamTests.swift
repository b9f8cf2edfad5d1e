import Foundation
import SegCore
import SegTestSupport
import Testing

/// The calibration summary of `clv` is the same whether it comes from the rows of a log in
/// memory or from the customer days a streamed load kept, and whatever the order of the rows.
@Suite struct CLVStreamTests {
  static func day(_ text: String) throws -> Int64 {
    CivilCalendar.day(ofSeconds: try #require(CivilCalendar.parseISO(text)))
  }

  /// Units, ends, holdouts and free days; blocks small enough that days and customers are cut
  /// between them.
  @Test(arguments: [1 << 16, 1 << 20])
  func aStreamedLogSummarisesAsTheRowsDo(blockSize: Int) throws {
    let bytes = [UInt8](try Data(contentsOf: RepositoryPaths.exampleData))
    let loaded = try TableLoader.load(bytes: bytes, name: "example", blockSize: blockSize)
    let result = try TableLoader.stream(bytes: bytes, name: "example", blockSize: blockSize)
    guard case .streamed(let log) = result else {
      Issue.record("the example log should stream")
      return
    }
    #expect(log.clvSummaryIsAvailable)
    let cases: [(CLVTimeUnit, Int64?, Int64?, Bool)] = [
      (.week, nil, nil, false),
      (.day, try Self.day("2011-06-30"), try Self.day("2011-09-30"), false),
      (.month, try Self.day("2011-09-09"), nil, true),
    ]
    for (unit, end, holdout, free) in cases {
      let expected = try CLVSummary.compute(
        loaded.table, roles: loaded.roles, unit: unit, end: end, holdout: holdout,
        countsFreeDays: free)
      let streamed = try #require(
        try log.clvSummary(unit: unit, end: end, holdout: holdout, countsFreeDays: free))
      #expect(streamed == expected, "\(unit) \(String(describing: end)) \(String(describing: holdout))")
      #expect(expected.lines == loaded.table.rowCount)
      #expect(expected.excludedNonPositive > 0, "the example log has customers with only returns")
    }
    // The errors are the same too.
    let late = try Self.day("2012-06-01")
    #expect(throws: CLVError.self) { try log.clvSummary(unit: .week, end: late) }
  }

  /// Rows in reverse order: each customer's days are sorted before they are walked.
  @Test func theOrderOfTheRowsDoesNotMatter() throws {
    let loaded = try TableLoader.load(path: RepositoryPaths.exampleData.path, name: "example")
    let reversed = loaded.table.gathering(Array((0..<loaded.table.rowCount).reversed()))
    let end = try Self.day("2011-08-31")
    let expected = try CLVSummary.compute(loaded.table, roles: loaded.roles, unit: .week, end: end)
    let summary = try CLVSummary.compute(reversed, roles: loaded.roles, unit: .week, end: end)
    #expect(summary == expected)
  }
}
