import Foundation
import Testing

@testable import SegCore

/// The per-customer sums and the sets they count with, against plain Swift sets.
@Suite struct RFMPartitionTests {
  @Test func loggedPairsCountLikeASet() {
    var rng = SeededGenerator(seed: 7)
    var log = PairLog()
    var oracle: [Int: Set<UInt32>] = [:]
    var counted: [Int: Int] = [:]
    // Small codes (packed, with repeats and compactions), customers past 4M and products past
    // 65,534 (the overflow set, counted as they come).
    for _ in 0..<300_000 {
      let customer =
        Int.random(in: 0..<4, using: &rng) > 0
        ? UInt32.random(in: 0..<3000, using: &rng) : UInt32.random(in: 0..<(UInt32.max - 1), using: &rng)
      let product =
        Int.random(in: 0..<4, using: &rng) > 0
        ? UInt32.random(in: 0..<400, using: &rng) : UInt32.random(in: 65_000..<70_000, using: &rng)
      let new = oracle[Int(customer), default: []].insert(product).inserted
      if let now = log.append(customer, product) {
        #expect(now == new)
        if now { counted[Int(customer), default: 0] += 1 }
      }
    }
    log.countDistinct { counted[$0, default: 0] += 1 }
    #expect(counted == oracle.mapValues(\.count))
    // The log is empty once counted.
    var again = 0
    log.countDistinct { _ in again += 1 }
    #expect(again == 0)
  }

  /// Customers of one shard (multiples of 64), so that its sorted pairs are merged with new ones
  /// many times over, repeats included, with varint deltas of one to three bytes.
  @Test func mergedShardCountsLikeASet() {
    var rng = SeededGenerator(seed: 11)
    var log = PairLog()
    var oracle: [Int: Set<UInt32>] = [:]
    for _ in 0..<200_000 {
      let customer = 64 * UInt32.random(in: 0..<600, using: &rng)
      let product = UInt32.random(in: 0..<(Bool.random(using: &rng) ? 40 : 3000), using: &rng)
      oracle[Int(customer), default: []].insert(product)
      #expect(log.append(customer, product) == nil)
    }
    var counted: [Int: Int] = [:]
    log.countDistinct { counted[$0, default: 0] += 1 }
    #expect(counted == oracle.mapValues(\.count))
  }

  @Test func sortUniqueSortsAndDropsRepeats() {
    var rng = SeededGenerator(seed: 3)
    for n in [0, 1, 2, 1000, 70_000, 200_000] {
      // Repeats, spread over both 16-bit halves (both radix passes matter).
      var keys = (0..<n).map { _ in
        UInt32.random(in: 0..<UInt32(max(1, n / 2)), using: &rng) &* 65_537
      }
      let expected = Array(Set(keys)).sorted()
      PairLog.sortUnique(&keys)
      #expect(keys == expected, "n = \(n)")
    }
  }

  /// A random log where invoices are shared by customers and lines interleave, summed in 1, 2
  /// and 3 partitions and in blocks, must give the same table; frequency and distinct products
  /// are checked against sets.
  @Test func partitionsAndBlocksGiveTheSameSums() throws {
    var rng = SeededGenerator(seed: 11)
    var lines = ["InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID"]
    var invoices: [Int64: Set<String>] = [:]
    var products: [Int64: Set<String>] = [:]
    for i in 0..<4000 {
      let invoice = 500 + i / 7
      let cancelled = Int.random(in: 0..<20, using: &rng) == 0
      let customer = Int64.random(in: 1...60, using: &rng)
      let product = "P\(Int.random(in: 0..<90, using: &rng))"
      let quantity = cancelled ? -1 : Int.random(in: 1...4, using: &rng)
      let day = 1 + i / 200
      let invoiceText = cancelled ? "C\(invoice)" : "\(invoice)"
      lines.append("\(invoiceText),\(product),\(quantity),2011-01-\(String(format: "%02d", day)) 10:00:00,1.25,\(customer)")
      if !cancelled {
        invoices[customer, default: []].insert(invoiceText)
        products[customer, default: []].insert(product)
      }
    }
    let loaded = try TableLoader.load(text: lines.joined(separator: "\n") + "\n")
    let inputs = try RFMInputs(table: loaded.table, roles: loaded.roles)
    let asOf = try #require(CivilCalendar.parseISO("2011-02-01"))
    func table(partitions: Int, blocks: Int) throws -> Table {
      var parts = (0..<partitions).map { RFMPartition(part: $0, count: partitions, groups: 0) }
      var indexes = RFMKeyIndexes()
      let rows = loaded.table.rowCount
      var shape = RFMShape(inputs)
      for b in 0..<blocks {
        let block = loaded.table.gathering(Array(rows * b / blocks..<rows * (b + 1) / blocks))
        let blockInputs = try RFMInputs(table: block, roles: loaded.roles, indexes: &indexes)
        for k in parts.indices { parts[k].consume(blockInputs, asOf: asOf, groupSlots: []) }
        shape = RFMShape(blockInputs)
      }
      shape.rows = rows
      return try RFM.finish(
        parts: parts, shape: shape, asOf: asOf, asOfSource: .given, groupNames: [],
        options: RFMOptions(asOf: asOf, affinityGroups: 0), notes: []
      ).table
    }
    let one = try table(partitions: 1, blocks: 1)
    #expect(one.ints("customer") == invoices.keys.sorted())
    #expect(one.ints("frequency") == invoices.keys.sorted().map { Int64(invoices[$0]?.count ?? 0) })
    #expect(one.ints("distinct_products") == invoices.keys.sorted().map { Int64(products[$0]?.count ?? 0) })
    for (partitions, blocks) in [(2, 1), (3, 1), (3, 5), (2, 13)] {
      #expect(try table(partitions: partitions, blocks: blocks) == one, "\(partitions) partitions, \(blocks) blocks")
    }
  }
}
