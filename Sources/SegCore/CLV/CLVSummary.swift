/// The unit the buy-till-you-die models measure time in.
public enum CLVTimeUnit: String, Sendable, Equatable, CaseIterable {
  case day, week, month

  /// Days per unit: 1, 7, and 365.25 / 12 = 30.4375 for a month (an average month, so that a
  /// unit has one length whatever the calendar).
  public var days: Double {
    switch self {
    case .day: 1
    case .week: 7
    case .month: 365.25 / 12
    }
  }

  /// The number of units in a year: 365, 52 and 12; the default horizon.
  public var perYear: Int {
    switch self {
    case .day: 365
    case .week: 52
    case .month: 12
    }
  }
}

/// The calibration summary of a transaction log: per customer the repeat purchases `x`, the time
/// of the last purchase `t_x`, the age `T` and the mean repeat value `zbar`, and the purchases of
/// the holdout period when there is one.
///
/// A purchase is a day: all the lines of a customer on one calendar day are netted (returns lower
/// the day's value), and a day whose net value is zero or less is not a purchase (with
/// `countsFreeDays`, a day of lines worth exactly 0 and no return is). A customer's
/// first purchase day starts its clock; `x` counts the purchase days after it up to and including
/// `end`, `t_x` is the time from the first to the last purchase day, `T` the time from the first
/// purchase day to `end`, and `zbar` the mean net value of the repeat purchase days (0 when
/// `x = 0`), all times in ``CLVTimeUnit``. Customers with no purchase day by `end` are left out:
/// those with only returns or non-positive days are counted in ``excludedNonPositive``, those whose
/// first purchase comes after `end` in ``startingAfterEnd``.
///
/// - Complexity: O(rows), plus sorting a customer's lines when they are not in date order.
public struct CLVSummary: Sendable, Equatable {
  /// The customer ids, sorted (numerically for integer ids, by text otherwise).
  public var customers: Column
  /// Repeat purchase days in the calibration period.
  public var frequency: [Double]
  /// Time from the first to the last purchase day, in units.
  public var recency: [Double]
  /// Time from the first purchase day to `end`, in units.
  public var age: [Double]
  /// Mean net value of the repeat purchase days; 0 when there are none.
  public var meanValue: [Double]
  /// Purchase days in the holdout period (`end`, `holdout`]; empty without a holdout.
  public var holdoutFrequency: [Double]
  /// The time unit.
  public var unit: CLVTimeUnit
  /// The last calibration day and the last holdout day (days since 1970-01-01).
  public var endDay: Int64
  public var holdoutDay: Int64?
  /// The first and last days of the log.
  public var firstDay: Int64
  public var lastDay: Int64
  /// Lines read, lines without a customer, date or value.
  public var lines: Int
  public var linesSetAside: Int
  /// Customer-days with a net value of zero or less in the calibration period (not purchases).
  public var nonPositiveDays: Int
  /// Customer-days in the calibration period whose lines are all worth exactly 0, with no return
  /// among them (free orders): purchases with ``countsFreeDays``, else among
  /// ``nonPositiveDays``.
  public var zeroValueDays: Int
  /// Whether zero-value days (no return) count as purchases (`free=count`).
  public var countsFreeDays: Bool
  /// Customers left out because no calibration day had a positive net value (only returns, or
  /// nothing but zero-value days).
  public var excludedNonPositive: Int
  /// Customers left out because their first purchase day is after `end`.
  public var startingAfterEnd: Int

  /// The number of customers.
  public var count: Int { frequency.count }
  /// The length of the holdout period in units; 0 without one.
  public var holdoutLength: Double {
    holdoutDay.map { Double($0 - endDay) / unit.days } ?? 0
  }

  /// Builds the summary of a transaction log.
  ///
  /// - Parameters:
  ///   - table: The log, one row per line.
  ///   - roles: The customer, date, and quantity and price (or amount) columns.
  ///   - unit: The time unit.
  ///   - end: The last calibration day (days since 1970-01-01); the last day of the log when `nil`.
  ///   - holdout: The last day of the holdout period, after `end`; none when `nil`.
  ///   - countsFreeDays: Whether a day whose lines are all worth 0 (no return among them) is a
  ///     purchase, as in data sets that record free orders (CDNOW has eight $0 first orders).
  ///     A day that nets to 0 or less because of a return never is.
  /// - Throws: ``CLVError`` when a role is missing, `end` or `holdout` lies after the data,
  ///   `holdout` is not after `end`, the calibration period is shorter than one unit, or no
  ///   customer has a purchase by `end`.
  public static func compute(
    _ table: Table, roles: ColumnRoles, unit: CLVTimeUnit, end: Int64? = nil,
    holdout: Int64? = nil, countsFreeDays: Bool = false
  ) throws(CLVError) -> CLVSummary {
    let inputs: RFMInputs
    do {
      inputs = try RFMInputs(table: table, roles: roles)
    } catch {
      throw CLVError(code: .missingRole, message: error.message, hint: error.hint)
    }
    return try summarize(
      CustomerDaySums(inputs), unit: unit, end: end, holdout: holdout,
      countsFreeDays: countsFreeDays)
  }

  /// The summary from a log's customer days (see ``compute(_:roles:unit:end:holdout:countsFreeDays:)``).
  static func summarize(
    _ sums: CustomerDaySums, unit: CLVTimeUnit, end: Int64?, holdout: Int64?,
    countsFreeDays: Bool
  ) throws(CLVError) -> CLVSummary {
    let parts = sums.partitions
    if let line = parts.compactMap(\.overflowLine).min() {
      throw CLVError(
        code: .moneyOverflow,
        message: "money does not fit the exact sums: the line value of row \(line + 1) of the log is too large",
        hint: "check the price, amount and quantity columns for huge values; filter them out first")
    }
    let firstDay = parts.map(\.firstDay).min() ?? .max
    let lastDay = parts.map(\.lastDay).max() ?? .min
    let setAside = parts.reduce(0) { $0 + $1.setAside }
    guard firstDay <= lastDay else {
      throw CLVError(
        code: .noRepeatPurchases, message: "the log has no line with a customer, a date and a value",
        hint: "check the customer, date, quantity and price (or amount) columns")
    }
    let endDay = end ?? lastDay
    func iso(_ d: Int64) -> String {
      CivilCalendar.isoText(seconds: d * CivilCalendar.secondsPerDay, includeTime: false)
    }
    let first = iso(firstDay)
    let last = iso(lastDay)
    guard endDay <= lastDay else {
      throw CLVError(
        code: .invalidPeriod, message: "end \(iso(endDay)) is after the data, which ends on \(last)",
        hint: "choose an end on or before \(last)")
    }
    guard Double(endDay - firstDay) >= unit.days else {
      throw CLVError(
        code: .periodTooShort,
        message:
          "the calibration period \(first) to \(iso(endDay)) is shorter than one \(unit.rawValue)",
        hint: "choose a later end, or a shorter unit (\(setting: .unit, "day"))")
    }
    if let holdout {
      guard holdout > endDay else {
        throw CLVError(
          code: .invalidPeriod,
          message: "holdout \(iso(holdout)) is not after end \(iso(endDay))",
          hint: "the holdout period runs from the day after end to holdout")
      }
      guard holdout <= lastDay else {
        throw CLVError(
          code: .invalidPeriod,
          message: "holdout \(iso(holdout)) is after the data, which ends on \(last)",
          hint: "choose a holdout on or before \(last)")
      }
    }
    let lastUsed = holdout ?? endDay
    let customers = sums.customerCount
    let outcomes = Parallel.map(parts.count) { k in
      Result { () throws(CLVError) in
        try CustomerHistory.summarize(
          parts[k], customers: customers, endDay: endDay, lastUsed: lastUsed,
          unitDays: unit.days, countsFreeDays: countsFreeDays)
      }
    }
    var all = CustomerHistory()
    for outcome in outcomes {
      switch outcome {
      case .success(let h): all.append(h)
      case .failure(let error): throw error
      }
    }
    guard !all.kept.isEmpty else {
      throw CLVError(
        code: .noRepeatPurchases,
        message: "no customer has a purchase (a day of positive net value) by \(iso(endDay))",
        hint: "check \(setting: .end) and the quantity, price and amount columns")
    }

    // Sorted by customer id.
    let kept = all.kept
    let permutation: [Int]
    let ids: Column
    switch sums.customerIDs {
    case .ints(let ids0):
      var pairs = kept.indices.map { (id: ids0[kept[$0]], at: $0) }
      pairs.sort { $0.id < $1.id }
      permutation = pairs.map(\.at)
      ids = Column(name: "customer", data: .integer(pairs.map(\.id)))
    case .names(let names):
      permutation = kept.indices.sorted { names[kept[$0]] < names[kept[$1]] }
      ids = Column(
        name: "customer",
        data: .category(
          codes: (0..<UInt32(kept.count)).map { $0 }, dictionary: permutation.map { names[kept[$0]] }))
    }
    return CLVSummary(
      customers: ids, frequency: permutation.map { all.x[$0] },
      recency: permutation.map { all.tx[$0] }, age: permutation.map { all.age[$0] },
      meanValue: permutation.map { all.zbar[$0] },
      holdoutFrequency: holdout == nil ? [] : permutation.map { all.holdoutX[$0] }, unit: unit,
      endDay: endDay, holdoutDay: holdout, firstDay: firstDay, lastDay: lastDay, lines: sums.rows,
      linesSetAside: setAside, nonPositiveDays: all.nonPositiveDays,
      zeroValueDays: all.zeroValueDays, countsFreeDays: countsFreeDays,
      excludedNonPositive: all.excluded, startingAfterEnd: all.afterEnd)
  }
}

/// The summary of the customers of one partition of ``CustomerDays``, before sorting by id.
private struct CustomerHistory: Sendable {
  /// Dense customer codes of the customers kept, and their summary.
  var kept: [Int] = []
  var x: [Double] = []
  var tx: [Double] = []
  var age: [Double] = []
  var zbar: [Double] = []
  var holdoutX: [Double] = []
  var nonPositiveDays = 0
  var zeroValueDays = 0
  var excluded = 0
  var afterEnd = 0

  mutating func append(_ other: CustomerHistory) {
    kept += other.kept
    x += other.x
    tx += other.tx
    age += other.age
    zbar += other.zbar
    holdoutX += other.holdoutX
    nonPositiveDays += other.nonPositiveDays
    zeroValueDays += other.zeroValueDays
    excluded += other.excluded
    afterEnd += other.afterEnd
  }

  /// Walks each customer's days in order: a day of positive net value is a purchase (a day of
  /// lines worth exactly 0 and no return too, when `countsFreeDays`); the first purchase starts
  /// the clock, later ones up to `endDay` are repeats, those after it up to `lastUsed` holdout
  /// purchases.
  static func summarize(
    _ days: CustomerDays, customers: Int, endDay: Int64, lastUsed: Int64, unitDays: Double,
    countsFreeDays: Bool
  ) throws(CLVError) -> CustomerHistory {
    let slots = customers > days.part ? (customers - days.part + days.count - 1) / days.count : 0
    let (starts, order) = days.grouped(slots: slots)
    var h = CustomerHistory()
    for slot in 0..<slots where starts[slot + 1] > starts[slot] {
      var firstPurchase = Int64.min
      var lastPurchase = Int64.min
      var repeats = 0
      var repeatValue: Int64 = 0
      var holdoutDays = 0
      var calibrationDays = 0
      for k in starts[slot]..<starts[slot + 1] {
        let e = Int(order[k])
        let day = days.slotAndDay(e).day
        if day > lastUsed { break }
        let flags = days.flags[e]
        guard flags & CustomerDays.overflowed == 0 else { throw CLVSummary.overflow }
        let net = days.net[e]
        let hasReturn = flags & CustomerDays.hasReturn != 0
        // A free day (lines worth nothing, no return) counts when asked to.
        let isPurchase = net > 0 || (countsFreeDays && net == 0 && !hasReturn)
        if day <= endDay {
          calibrationDays += 1
          if net == 0 && !hasReturn { h.zeroValueDays += 1 }
          guard isPurchase else {
            h.nonPositiveDays += 1
            continue
          }
          if firstPurchase == Int64.min {
            firstPurchase = day
          } else {
            repeats += 1
            let (sum, overflow) = repeatValue.addingReportingOverflow(net)
            guard !overflow else { throw CLVSummary.overflow }
            repeatValue = sum
          }
          lastPurchase = day
        } else if isPurchase && firstPurchase != Int64.min {
          holdoutDays += 1
        }
      }
      guard firstPurchase != Int64.min else {
        if calibrationDays > 0 {
          h.excluded += 1
        } else if days.slotAndDay(Int(order[starts[slot]])).day <= lastUsed {
          // A customer whose days all lie after the last day used is not counted at all.
          h.afterEnd += 1
        }
        continue
      }
      h.kept.append(slot * days.count + days.part)
      h.x.append(Double(repeats))
      h.tx.append(Double(lastPurchase - firstPurchase) / unitDays)
      h.age.append(Double(endDay - firstPurchase) / unitDays)
      h.zbar.append(repeats > 0 ? Double(repeatValue) / (Double(repeats) * Money.scaleDouble) : 0)
      h.holdoutX.append(Double(holdoutDays))
    }
    return h
  }
}

extension CLVSummary {
  /// A customer's day or repeat total beyond the exact 64-bit sums.
  static let overflow = CLVError(
    code: .moneyOverflow,
    message: "money does not fit the exact sums: a customer's daily or repeat spend is beyond ±922,337,203,685,477",
    hint: "check the price, amount and quantity columns for huge values; filter them out first")
}
