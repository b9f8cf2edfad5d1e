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

  /// A log thick with duplicate rows in runs of equal date-times (some longer than a block),
  /// streamed in blocks of many sizes so that runs are cut everywhere, and the file ends at a
  /// block boundary for some: the count matches the load into memory.
  @Test func duplicatesAcrossBlocksAreCountedOnce() throws {
    var rng = SeededGenerator(seed: 5)
    var text = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
    var minute = 0
    for _ in 0..<400 {
      minute += Int.random(in: 0...2, using: &rng)
      let stamp = String(format: "2011-03-01 %02d:%02d:00", minute / 60 % 24, minute % 60)
      let run = Int.random(in: 0..<10, using: &rng) == 0 ? 40 : Int.random(in: 1...4, using: &rng)
      for _ in 0..<run {
        let product = ["A1", "B2", "C3"][Int.random(in: 0..<3, using: &rng)]
        let quantity = Int.random(in: 1...2, using: &rng)
        text += "5\(minute),\(product),\(quantity),\(stamp),1.5,1\(minute % 7)\n"
      }
    }
    // The last run holds duplicates too (it is the one held back when the file ends).
    text += String(repeating: "9,A1,1,2011-03-02 00:00:00,1.5,17\n", count: 3)
    let bytes = Array(text.utf8)
    let expected = try TableLoader.load(bytes: bytes, name: "dups").report.duplicateRows
    #expect(expected > 100)
    for blockSize in Array(120..<200) + [256, 1000, 4096, bytes.count] {
      let result = try TableLoader.stream(bytes: bytes, name: "dups", blockSize: blockSize)
      guard case .streamed(let log) = result else {
        Issue.record("the log should stream")
        return
      }
      #expect(log.report.duplicateRows == expected, "block size \(blockSize)")
    }
  }

  /// The RFM sums stop when a role column changes type mid-stream (quantities turn decimal);
  /// the report, which left integer customer ids to the sums' index until then, still counts
  /// every customer.
  @Test func customersAreCountedWhenTheSumsStopMidStream() throws {
    var text = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
    for row in 0..<3000 {
      let quantity = row < 2000 ? "2" : "1.5"
      let stamp = String(format: "2011-03-%02d 10:%02d:00", 1 + row / 120, row / 2 % 60)
      // Customers of the first rows never buy again after the change.
      let customer = row < 2000 ? 12000 + row % 500 : 13000 + row % 300
      text += "\(500 + row / 3),A\(row % 17),\(quantity),\(stamp),1.5,\(customer)\n"
    }
    let bytes = Array(text.utf8)
    let expected = try TableLoader.load(bytes: bytes, name: "turns").report
    for blockSize in [1 << 12, 1 << 14] {
      let result = try TableLoader.stream(bytes: bytes, name: "turns", blockSize: blockSize)
      guard case .streamed(let log) = result else {
        Issue.record("the log should stream")
        return
      }
      #expect(log.report.distinctCustomers == 800)
      #expect(log.report == expected)
      // The sums stopped, so RFM needs the rows.
      if case .needsRows = try log.rfm() {} else { Issue.record("expected needsRows") }
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
