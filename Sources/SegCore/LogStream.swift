internal import Dispatch

/// A transaction log read in one streaming pass: the load report and the RFM sums, with no row
/// kept in memory.
///
/// ``TableLoader/stream(path:name:options:)`` reads the file block by block. Each block's rows
/// feed the load report's counts and the per-customer RFM sums for an asof after the last
/// transaction (the default), and are then dropped, so memory holds the per-customer sums, not
/// the log. ``rfm(options:)`` finishes the RFM table from those sums, or says which pass over the
/// file can answer: the sums are for one asof and track the per-customer spend of some affinity
/// groups, so another asof, or top groups that were not tracked, take one more streaming pass
/// with a ``StreamPlan`` (still no rows kept).
public struct StreamedLog: Sendable {
  /// What the load read and found, as ``TableLoader/load(path:options:)`` reports it.
  public var report: LoadReport
  /// The roles found in the header.
  public var roles: ColumnRoles
  let sums: StreamedRFMSums?
  /// The net value of each customer's days, for `clv`; `nil` when the pass did not keep them.
  var days: CustomerDaySums? = nil

  /// What ``rfm(options:)`` found.
  public enum RFMAnswer: Sendable {
    /// The RFM table, from the sums.
    case result(RFMResult)
    /// The sums cannot answer; stream the file again with this plan and ask the new log.
    case streamAgain(StreamPlan)
    /// The log has no RFM sums (its roles or types do not allow them): load the rows.
    case needsRows
  }

  /// The RFM table from the streamed sums, or the pass that can compute it.
  public func rfm(options: RFMOptions = .default) throws(RFMError) -> RFMAnswer {
    try RFM.checkAffinity(options)
    guard let sums, let last = report.lastDate else { return .needsRows }
    let (asOf, source) = try RFM.referenceMoment(options, lastTransaction: last)
    // Sums up to asof `sums.asOf` hold every row before `asOf` and none after it when no row
    // lies in between.
    let coversAsOf = sums.asOf == asOf || (min(sums.asOf, asOf) > last)
    guard coversAsOf else { return .streamAgain(StreamPlan(asOf: asOf)) }
    var notes: [Remark] = []
    var groupNames: [String] = []
    var mapping: [Int] = []
    if options.affinityGroups > 0 {
      if sums.shape.groupColumn == nil {
        notes.append(RFM.noAffinityNote)
      } else {
        let (_, top) = RFM.topGroups(
          sums.groupSpend, names: sums.groupNames, wanted: options.affinityGroups)
        for name in top {
          guard let slot = sums.candidateNames.firstIndex(of: name) else {
            return .streamAgain(StreamPlan(asOf: sums.asOf, groups: top))
          }
          mapping.append(slot)
        }
        groupNames = top
      }
    }
    let parts = sums.partitions.map { $0.selectingGroups(mapping) }
    return .result(
      try RFM.finish(
        parts: parts, shape: sums.shape, asOf: asOf, asOfSource: source, groupNames: groupNames,
        options: options, notes: notes))
  }
}

extension StreamedLog {
  /// Whether the load kept the customer days that ``clvSummary(unit:end:holdout:countsFreeDays:)``
  /// needs.
  public var clvSummaryIsAvailable: Bool { days != nil }

  /// The calibration summary for `clv` from the customer days the load kept, as
  /// ``CLVSummary/compute(_:roles:unit:end:holdout:countsFreeDays:)`` computes it from the rows;
  /// `nil` when the load kept none (its roles or types did not allow the sums).
  public func clvSummary(
    unit: CLVTimeUnit, end: Int64? = nil, holdout: Int64? = nil, countsFreeDays: Bool = false
  ) throws(CLVError) -> CLVSummary? {
    guard let days else { return nil }
    return try CLVSummary.summarize(
      days, unit: unit, end: end, holdout: holdout, countsFreeDays: countsFreeDays)
  }
}

/// What a streaming pass sums for RFM: the rows before an asof, and the per-customer spend of
/// some affinity groups; and whether it keeps each customer's days for `clv`.
public struct StreamPlan: Sendable, Equatable {
  /// Rows dated at or after it are counted, not summed (`Int64.max`: every row).
  public var asOf: Int64
  /// The groups whose per-customer spend is tracked; `nil`: the top
  /// ``LogStreamSink/candidateGroups`` of the first block.
  public var groups: [String]?
  /// Whether the pass keeps the net value of each customer's days (``CustomerDays``), which
  /// the load's pass does and the passes that only answer another asof or groups do not.
  public var keepsCustomerDays: Bool

  public init(asOf: Int64 = .max, groups: [String]? = nil, keepsCustomerDays: Bool? = nil) {
    self.asOf = asOf
    self.groups = groups
    self.keepsCustomerDays = keepsCustomerDays ?? (asOf == .max && groups == nil)
  }
}

/// The per-customer RFM sums of a streamed log, for the rows before ``asOf``.
struct StreamedRFMSums: Sendable {
  var asOf: Int64
  var partitions: [RFMPartition]
  var shape: RFMShape
  /// Purchase spend per affinity group before ``asOf``, and the groups' names.
  var groupSpend: [Int64]
  var groupNames: [String]
  /// The groups whose per-customer spend was tracked.
  var candidateNames: [String]
}

/// Why a streamed load hands over to a load into memory.
struct StreamFallback: Error {
  var reason: String
}

/// Takes a streamed log's blocks, as tables of the rows settled so far, in file order.
///
/// `@unchecked Sendable` because one block at a time reaches it, on a background task that the
/// loader waits for before handing over the next. Within a block, the report's counts and the
/// RFM sums run side by side and touch separate properties (``rows`` is set before both).
final class LogStreamSink: @unchecked Sendable {
  /// How many groups' per-customer spend is tracked: `rfm top=` up to this is answered from the
  /// stream.
  static let candidateGroups = 8

  private(set) var roles: ColumnRoles
  let plan: StreamPlan
  /// The log's cancellation rule, set by the loader before the first block.
  var cancellation: CancellationDecision? {
    get { roles.cancellation }
    set { roles.cancellation = newValue }
  }
  private(set) var rows = 0
  private(set) var missing: [Int] = []
  private(set) var types: [ColumnType?] = []
  /// The report's counts of the blocks so far (distinct customers: ``distinctCustomers``).
  private(set) var statistics = TableStatistics()
  private(set) var duplicates = 0
  private var customerInts = DenseIndex()
  private var customerCodes: [Bool] = []
  private var carry: Table? = nil
  /// The date-time of every row of ``carry``.
  private var carryDate: Int64? = nil

  // RFM
  private var rfmUsable: Bool
  private var roleTypes: [ColumnRole: ColumnType] = [:]
  private var indexes = RFMKeyIndexes()
  private var boxes: [PartitionBox] = []
  private var dayBoxes: [DaysBox] = []
  private var candidateSlots: [Int32] = []
  private var candidateNames: [String] = []
  private var groupSpend: [Int64] = []
  private var shape: RFMShape? = nil
  private var groupNames: [String] = []

  init(roles: ColumnRoles, plan: StreamPlan = StreamPlan()) {
    self.roles = roles
    self.plan = plan
    rfmUsable = roles.isTransactionLog
  }

  var distinctCustomers: Int? {
    guard roles[.customer] != nil else { return nil }
    let ints = rfmIndexesCustomers ? indexes.customers.count : customerInts.count
    return ints + customerCodes.reduce(0) { $0 + ($1 ? 1 : 0) }
  }

  /// Whether integer customer ids are counted by the RFM sums' index rather than the report's
  /// own (both would hold the same ids: one large index instead of two).
  private var rfmIndexesCustomers = false

  /// Takes the next block. A text invoice column comes as codes only (an empty dictionary),
  /// with `invoiceFlags` telling which codes are cancellations.
  func consume(_ table: Table, invoiceFlags: [Bool], isLast: Bool) throws(StreamFallback) {
    rows += table.rowCount
    indexes.codeOnlyInvoiceFlags = invoiceFlags
    var integerCustomers = false
    if let name = roles[.customer], case .integer? = table[name]?.data { integerCustomers = true }
    // The RFM sums index every integer customer id of the block, so while they are kept the
    // report leaves the ids to them.
    let rfmCounts = rfmUsable && integerCustomers
    // The report's counts and the RFM sums touch separate state, so they run side by side.
    let report = BackgroundJob { () throws(StreamFallback) in
      self.countColumns(table)
      self.countRows(table, cancellationFlags: invoiceFlags, integerCustomers: !rfmCounts)
      try self.countDuplicates(table, isLast: isLast)
    }
    if rfmUsable { addRFM(table) }
    try report.wait()
    if rfmCounts {
      if rfmUsable {
        rfmIndexesCustomers = true
      } else {
        // The sums stopped within this block, maybe before indexing its ids: the report takes
        // over their index (the earlier blocks' ids) and adds this block's.
        if rfmIndexesCustomers { customerInts = indexes.customers }
        rfmIndexesCustomers = false
        countIntegerCustomers(table)
      }
    }
  }

  private func countColumns(_ table: Table) {
    if types.isEmpty {
      types = Array(repeating: nil, count: table.columns.count)
      missing = Array(repeating: 0, count: table.columns.count)
    }
    for (c, column) in table.columns.enumerated() {
      let m = TableStatistics.missingCount(column)
      missing[c] += m
      // A block where the column is empty says nothing of its type.
      if m < column.count { types[c] = LogStreamSink.join(types[c], column.type) }
    }
  }

  private static func join(_ a: ColumnType?, _ b: ColumnType) -> ColumnType {
    guard let a else { return b }
    if a == b { return a }
    if (a == .integer && b == .decimal) || (a == .decimal && b == .integer) { return .decimal }
    return .text
  }

  private func countRows(_ table: Table, cancellationFlags: [Bool], integerCustomers: Bool) {
    let s = TableStatistics(
      table: table, roles: roles, cancellationFlags: cancellationFlags, countsCustomers: false)
    statistics.add(s)
    guard let name = roles[.customer], let column = table[name] else { return }
    switch column.data {
    case .integer:
      if integerCustomers { countIntegerCustomers(table) }
    case .category(let codes, let dictionary):
      if customerCodes.count < dictionary.count {
        customerCodes.append(
          contentsOf: repeatElement(false, count: dictionary.count - customerCodes.count))
      }
      for c in codes where c != Column.missingCode { customerCodes[Int(c)] = true }
    default:
      break
    }
  }

  private func countIntegerCustomers(_ table: Table) {
    guard let name = roles[.customer], case .integer(let v)? = table[name]?.data else { return }
    var last = Column.missingInteger
    for x in v where x != Column.missingInteger && x != last {
      _ = customerInts.index(of: x)
      last = x
    }
  }

  /// Duplicates sit in runs of equal date-times when the log is in date order; the last run of a
  /// block is held back and counted with the rows of the next block that continue it. Only those
  /// rows are joined to it: the rest of the block is counted in place.
  private func countDuplicates(_ table: Table, isLast: Bool) throws(StreamFallback) {
    guard let name = roles[.date], case .datetime(let dates)? = table[name]?.data,
      DuplicateRowCounter.isSorted(dates)
    else {
      throw StreamFallback(reason: "the log is not in date order")
    }
    let n = dates.count
    var head = 0
    if let carry, let date = carryDate {
      guard let first = dates.first, first >= date else {
        throw StreamFallback(reason: "the log is not in date order")
      }
      while head < n && dates[head] == date { head += 1 }
      // Codes are file-wide, so the held-back rows take this block's (larger) dictionaries;
      // identical dictionaries make the concatenation a plain append.
      let aligned = Table(
        columns: carry.columns.enumerated().map { (c, column) -> Column in
          if case .category(let codes, _) = column.data,
            case .category(_, let dictionary) = table.columns[c].data
          {
            return Column(name: column.name, data: .category(codes: codes, dictionary: dictionary))
          }
          return column
        })
      let run = head == 0 ? aligned : aligned.appending(rowsOf: table.gathering(Array(0..<head)))
      if head == n && !isLast {
        // The whole block continues the run.
        self.carry = LogStreamSink.codesOnly(run)
        return
      }
      duplicates += DuplicateRowCounter.count(in: run, sortedBy: roles[.date])
      self.carry = nil
      carryDate = nil
    }
    var end = n
    if !isLast {
      while end > head && dates[end - 1] == dates[n - 1] { end -= 1 }
    }
    duplicates += DuplicateRowCounter.count(in: table, sortedDates: dates, rows: head..<end)
    if end < n {
      carry = LogStreamSink.codesOnly(table.gathering(Array(end..<n)))
      carryDate = dates[n - 1]
    }
  }

  /// Counts the held-back run, when the last block came without rows (the file ended at a block
  /// boundary).
  func finishDuplicates() {
    guard let carry else { return }
    duplicates += DuplicateRowCounter.count(in: carry, sortedBy: roles[.date])
    self.carry = nil
    carryDate = nil
  }

  /// The held-back rows keep codes only: holding the dictionaries would make the loader copy them
  /// when it adds the next block's new entries.
  private static func codesOnly(_ table: Table) -> Table {
    Table(
      columns: table.columns.map { column in
        if case .category(let codes, _) = column.data {
          return Column(name: column.name, data: .category(codes: codes, dictionary: []))
        }
        return column
      })
  }

  private func addRFM(_ table: Table) {
    for role in [ColumnRole.customer, .invoice, .date, .quantity, .price, .amount, .product, .category] {
      guard let name = roles[role], let column = table[name] else { continue }
      if !TableStatistics.hasValue(column) { continue }
      if let seen = roleTypes[role], seen != column.type {
        rfmUsable = false
        return
      }
      roleTypes[role] = column.type
    }
    let inputs: RFMInputs
    do {
      inputs = try RFMInputs(table: table, roles: roles, indexes: &indexes)
    } catch {
      rfmUsable = false
      return
    }
    let asOf = plan.asOf
    if boxes.isEmpty {
      if let groups = plan.groups {
        candidateNames = groups
      } else {
        var firstSpend: [Int64] = []
        RFM.addGroupSpend(inputs, asOf: asOf, into: &firstSpend)
        (candidateSlots, candidateNames) = RFM.topGroups(
          firstSpend, names: inputs.groupNames, wanted: LogStreamSink.candidateGroups)
      }
      let count = Parallel.activeCores
      let groups = candidateNames.count
      boxes = (0..<count).map {
        PartitionBox(RFMPartition(part: $0, count: count, groups: groups))
      }
      if plan.keepsCustomerDays {
        dayBoxes = (0..<count).map { DaysBox(CustomerDays(part: $0, count: count)) }
      }
    }
    if plan.groups != nil && candidateSlots.count < inputs.groupNames.count {
      // Group codes are file-wide; codes new in this block get their slot among the plan's.
      let slotOf = Dictionary(
        candidateNames.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
      for name in inputs.groupNames[candidateSlots.count...] {
        candidateSlots.append(slotOf[name] ?? -1)
      }
    }
    RFM.addGroupSpend(inputs, asOf: asOf, into: &groupSpend)
    let slots = candidateSlots
    let boxes = self.boxes
    let dayBoxes = self.dayBoxes
    Parallel.forEach(boxes.count) { k in
      boxes[k].value.consume(inputs, asOf: asOf, groupSlots: slots)
      if k < dayBoxes.count { dayBoxes[k].value.consume(inputs) }
    }
    var s = RFMShape(inputs)
    s.rows = rows
    shape = s
    groupNames = inputs.groupNames
  }

  /// The RFM sums, when every block could be summed.
  func finishRFM() -> StreamedRFMSums? {
    guard rfmUsable, let shape else { return nil }
    let boxes = self.boxes
    Parallel.forEach(boxes.count) { k in boxes[k].value.sealDistinctProducts() }
    return StreamedRFMSums(
      asOf: plan.asOf, partitions: boxes.map(\.value), shape: shape, groupSpend: groupSpend,
      groupNames: groupNames, candidateNames: candidateNames)
  }

  /// The customer days, when every block could be summed and the plan keeps them.
  func finishCustomerDays() -> CustomerDaySums? {
    guard rfmUsable, let shape, !dayBoxes.isEmpty else { return nil }
    return CustomerDaySums(
      partitions: dayBoxes.map(\.value), customerIDs: shape.customerIDs,
      customerCount: shape.customerCount, rows: rows)
  }
}

/// Work run on the dispatch pool, waited for once: the sink's block while the loader parses the
/// next, the report's counts while the RFM sums are added.
///
/// `@unchecked Sendable`: `failure` is written before `done` is signalled and read after it is
/// waited for.
final class BackgroundJob<Failure: Error>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var failure: Failure? = nil

  init(_ body: @escaping @Sendable () throws(Failure) -> Void) {
    DispatchQueue.global().async {
      do throws(Failure) {
        try body()
      } catch {
        self.failure = error
      }
      self.done.signal()
    }
  }

  /// Waits for the work (once only) and throws how it failed, if it did.
  func wait() throws(Failure) {
    done.wait()
    if let failure { throw failure }
  }
}

/// One RFM partition, mutated in place by the task that owns it.
///
/// `@unchecked Sendable` is safe because during a parallel step box `k` is touched only by task
/// `k`, and otherwise only by the loading thread.
final class PartitionBox: @unchecked Sendable {
  var value: RFMPartition
  init(_ value: RFMPartition) { self.value = value }
}

/// One partition's customer days, mutated in place by the task that owns it (as
/// ``PartitionBox``).
final class DaysBox: @unchecked Sendable {
  var value: CustomerDays
  init(_ value: CustomerDays) { self.value = value }
}
