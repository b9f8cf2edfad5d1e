import Foundation
import SegCore
import SegTestSupport
import Testing

/// A streamed load (no rows kept) must report and compute exactly what a load into memory does.
@Suite struct LogStreamTests {
  static func exampleBytes() throws -> [UInt8] {
    [UInt8](try Data(contentsOf: RepositoryPaths.exampleData))
  }

  /// The RFM table of a streamed log, following the answers' plans as the interpreter does.
  static func streamedRFM(
    _ bytes: [UInt8], _ log: StreamedLog, _ options: RFMOptions, blockSize: Int
  ) throws -> (result: RFMResult, passes: Int) {
    var log = log
    for passes in 1...3 {
      switch try log.rfm(options: options) {
      case .result(let result): return (result, passes)
      case .needsRows: break
      case .streamAgain(let plan):
        let again = try TableLoader.stream(
          bytes: bytes, name: "example", plan: plan, blockSize: blockSize)
        guard case .streamed(let next) = again else { break }
        log = next
        continue
      }
      break
    }
    throw CancellationError()
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
    let past = try #require(CivilCalendar.parseISO("2011-06-01"))
    let after = try #require(CivilCalendar.parseISO("2012-01-01"))
    for options in [
      RFMOptions(), RFMOptions(affinityGroups: 3), RFMOptions(affinityGroups: 0),
      RFMOptions(asOf: past), RFMOptions(asOf: past, affinityGroups: 0),
      RFMOptions(asOf: after, affinityGroups: 2),
    ] {
      let expected = try RFM.compute(table.table, roles: table.roles, options: options)
      let (streamed, passes) = try LogStreamTests.streamedRFM(
        bytes, log, options, blockSize: blockSize)
      #expect(streamed == expected, "\(options)")
      // Without affinity columns the load's sums answer for an asof after the last transaction.
      // (With them, they answer only when the top groups were among the first block's; in this
      // data they are not: the Christmas stock of late 2011 sells most.)
      if options.affinityGroups == 0 && options.asOf != past { #expect(passes == 1) }
      // A past asof takes one more pass, and one more when its top groups were not tracked.
      if options.asOf == past { #expect(passes >= 2) }
    }
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
