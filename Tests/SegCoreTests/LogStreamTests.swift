import Foundation
import SegCore
import SegTestSupport
import Testing

/// A streamed load (no rows kept) must report and compute exactly what a load into memory does.
@Suite struct LogStreamTests {
  static func exampleBytes() throws -> [UInt8] {
    [UInt8](try Data(contentsOf: RepositoryPaths.exampleData))
  }

  @Test(arguments: [1 << 16, 1 << 20, 16 << 20])
  func streamedReportAndRFMEqualTheTablePath(blockSize: Int) throws {
    let bytes = try LogStreamTests.exampleBytes()
    let table = try TableLoader.load(bytes: bytes, name: "example", blockSize: blockSize)
    let result = try TableLoader.stream(bytes: bytes, name: "example", blockSize: blockSize)
    guard case .streamed(let log) = result else {
      Issue.record("the example log should stream")
      return
    }
    #expect(log.report == table.report)
    for options in [RFMOptions(), RFMOptions(affinityGroups: 3), RFMOptions(affinityGroups: 0)] {
      let expected = try RFM.compute(table.table, roles: table.roles, options: options)
      // The sums answer unless the top groups fall outside those tracked from the first block;
      // with no affinity columns they always answer.
      let streamed = try log.rfm(options: options)
      if options.affinityGroups == 0 { #expect(streamed != nil) }
      if let streamed {
        #expect(streamed.report.summaryText == expected.report.summaryText)
        #expect(streamed.table == expected.table)
      }
    }
  }

  @Test func anAsOfBeforeTheLastTransactionNeedsTheTable() throws {
    let bytes = try LogStreamTests.exampleBytes()
    guard case .streamed(let log) = try TableLoader.stream(bytes: bytes, name: "example") else {
      Issue.record("the example log should stream")
      return
    }
    #expect(try log.rfm(options: RFMOptions(asOf: CivilCalendar.parseISO("2011-06-01"))) == nil)
  }

  @Test func aLogOutOfDateOrderIsLoadedIntoMemory() throws {
    let text = """
      InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID
      1,1,2011-01-02 10:00:00,1.5,7
      2,1,2011-01-01 10:00:00,1.5,8
      2,1,2011-01-01 10:00:00,1.5,8

      """
    let result = try TableLoader.stream(bytes: Array(text.utf8), name: "t", blockSize: 64)
    guard case .table(let loaded) = result else {
      Issue.record("a log out of date order cannot be streamed")
      return
    }
    #expect(loaded.report.duplicateRows == 1)
  }
}
