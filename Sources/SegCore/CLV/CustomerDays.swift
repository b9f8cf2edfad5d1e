/// The net value of each customer's days in one partition of the customers: what the
/// calibration summary (``CLVSummary``) needs of a transaction log, built block by block.
///
/// A line with a customer, a date and a value (quantity × price, or the amount, in exact
/// ``Money`` units) adds its value to its (customer, day) entry; an entry remembers whether a
/// line of that day was negative (a return). Customers are split into partitions by their dense
/// index as in ``RFMPartition``: partition `part` of `count` keeps customer `c` when
/// `c % count == part`, in slot `c / count`. A day's net is a sum of integers, so the entries do
/// not depend on the order of the lines or the number of partitions.
///
/// A streamed log keeps these entries instead of its rows (about one per purchase basket day,
/// a tenth of the lines of a typical log), and `clv` summarises them without reading the file
/// again; a log in memory is summarised through the same entries.
struct CustomerDays: Sendable {
  /// Entry flags: a line of the day had a negative value; the day's net overflowed 64 bits.
  static let hasReturn: UInt8 = 1
  static let overflowed: UInt8 = 2

  let part: Int
  let count: Int
  /// (slot << 32 | day as 32 bits) → entry, in order of first appearance.
  private var index = DenseIndex(capacity: 1 << 16)
  /// Per entry: the net value in money units, and flags.
  private(set) var net: [Int64] = []
  private(set) var flags: [UInt8] = []

  /// The first and last days of the lines with a customer, a date and a value.
  private(set) var firstDay = Int64.max
  private(set) var lastDay = Int64.min
  /// Lines without a customer (counted by partition 0 only), date or value.
  private(set) var setAside = 0
  /// The first line (in the whole log, from 0) whose value does not fit the exact sums.
  private(set) var overflowLine: Int?
  /// Lines of the log before the current block (every partition sees every line).
  private var linesBefore = 0
  private var lastKey = Int64.min
  private var lastEntry = -1

  init(part: Int, count: Int) {
    self.part = part
    self.count = count
  }

  /// The customer slot and the day of entry `e`.
  func slotAndDay(_ e: Int) -> (slot: Int, day: Int64) {
    let key = index.ordered[e]
    return (Int(key >> 32), Int64(Int32(truncatingIfNeeded: key)))
  }

  /// Adds the lines of one block of the log, in file order.
  mutating func consume(_ inputs: RFMInputs) {
    let partCount = UInt32(count)
    let partIndex = UInt32(part)
    let isFirst = part == 0
    inputs.withRawColumns { raw in
      for i in 0..<inputs.rows {
        let c = raw.customer[i]
        if c == Column.missingCode {
          if isFirst { setAside += 1 }
          continue
        }
        if partCount > 1 && c % partCount != partIndex { continue }
        let seconds = raw.dates[i]
        let q = raw.quantity(i)
        if seconds == Column.missingInteger || raw.values[i].isNaN || (raw.usesPrice && q.isNaN) {
          setAside += 1
          continue
        }
        let day = CivilCalendar.day(ofSeconds: seconds)
        guard let day32 = Int32(exactly: day) else {
          setAside += 1
          continue
        }
        let line = raw.lineUnits(i, quantity: q)
        if line.status == .overflow {
          if overflowLine == nil { overflowLine = linesBefore + i }
          continue
        }
        if day < firstDay { firstDay = day }
        if day > lastDay { lastDay = day }
        let slot = partCount > 1 ? c / partCount : c
        let key = Int64(slot) << 32 | Int64(UInt32(bitPattern: day32))
        var e = lastEntry
        if key != lastKey {
          e = index.index(of: key)
          if e == net.count {
            net.append(0)
            flags.append(0)
          }
          (lastKey, lastEntry) = (key, e)
        }
        let (sum, overflow) = net[e].addingReportingOverflow(line.units)
        if overflow { flags[e] |= CustomerDays.overflowed } else { net[e] = sum }
        if line.units < 0 { flags[e] |= CustomerDays.hasReturn }
      }
    }
    linesBefore += inputs.rows
  }

  /// The entries of every customer, grouped by slot and in day order within a slot:
  /// `order[starts[s]..<starts[s + 1]]` are slot `s`'s entries.
  func grouped(slots: Int) -> (starts: [Int], order: [Int32]) {
    var starts = [Int](repeating: 0, count: slots + 1)
    let keys = index.ordered
    for key in keys { starts[Int(key >> 32) + 1] += 1 }
    for s in 0..<slots { starts[s + 1] += starts[s] }
    var cursor = starts
    var order = [Int32](repeating: 0, count: keys.count)
    for (e, key) in keys.enumerated() {
      let s = Int(key >> 32)
      order[cursor[s]] = Int32(e)
      cursor[s] += 1
    }
    // A customer's days come in file order: already ascending in a date-ordered log.
    for s in 0..<slots where starts[s + 1] - starts[s] > 1 {
      let range = starts[s]..<starts[s + 1]
      let sorted = zip(range.dropLast(), range.dropFirst()).allSatisfy {
        Int32(truncatingIfNeeded: keys[Int(order[$0])]) < Int32(truncatingIfNeeded: keys[Int(order[$1])])
      }
      if !sorted {
        order[range].sort {
          Int32(truncatingIfNeeded: keys[Int($0)]) < Int32(truncatingIfNeeded: keys[Int($1)])
        }
      }
    }
    return (starts, order)
  }
}

/// The customer days of a whole log: its partitions, the customers' ids and the line count.
struct CustomerDaySums: Sendable {
  var partitions: [CustomerDays]
  var customerIDs: RFMInputs.CustomerIDs
  var customerCount: Int
  /// Lines of the log.
  var rows: Int

  /// The customer days of a log in memory, summed in parallel partitions.
  init(_ inputs: RFMInputs) {
    let count = Parallel.activeCores
    partitions = Parallel.map(count) { k in
      var days = CustomerDays(part: k, count: count)
      days.consume(inputs)
      return days
    }
    customerIDs = inputs.customerIDs
    customerCount = inputs.customerCount
    rows = inputs.rows
  }

  init(partitions: [CustomerDays], customerIDs: RFMInputs.CustomerIDs, customerCount: Int, rows: Int) {
    self.partitions = partitions
    self.customerIDs = customerIDs
    self.customerCount = customerCount
    self.rows = rows
  }
}
