import SegCore

extension DiagnosticID {
  // MARK: Customer lifetime value
  public static let clvError: DiagnosticID = "clv-error"
  public static let spendCorrelation: DiagnosticID = "spend-correlation"
  public static let clvBoundary: DiagnosticID = "clv-boundary"
}

extension Workspace {
  /// The columns `clv` adds to the customer table, in order.
  public static let clvColumns = ["exp_purchases", "p_alive", "exp_spend", "clv"]
}

extension Commands {
  /// `clv`.
  static let clv: [CommandSpec] = [
    CommandSpec(
      name: "clv", category: .segmentation,
      summary:
        "Customer lifetime value: fits BG/NBD (or Pareto/NBD) and Gamma-Gamma to the transaction log and predicts per customer.",
      discussion: """
        Summarises the log up to and including end (default: its last day) per customer: x \
        repeat purchase days, t_x from the first to the last purchase day, T from the first \
        purchase day to end, zbar the mean net value of the repeat days, in unit (day, week \
        = 7 days, month = 30.4375 days). A day's returns lower its value and a day of net value \
        0 or less is not a purchase (free=count counts days whose lines are all worth 0). Fits \
        the purchase model and Gamma-Gamma (on customers with x > 0 and zbar > 0) by maximum \
        likelihood from several seeded starts, and stops with an error when a fit does not \
        converge or Gamma-Gamma's q is 1 or less. Adds exp_purchases (over horizon units), \
        p_alive, exp_spend and clv (discounted at discount per unit) to the customer table, \
        which it builds when rfm has not. With holdout=DATE, compares predicted and actual \
        purchases in (end, holdout]. The definitions and the CDNOW replication are in \
        docs/clv.md.
        """,
      options: [
        OptionSpec(
          "model", .choice(CLVModel.allCases.map(\.rawValue)), "the purchase model",
          default: .string("bgnbd")),
        OptionSpec(
          "unit", .choice(CLVTimeUnit.allCases.map(\.rawValue)), "the time unit",
          default: .string("week")),
        OptionSpec("end", .date, "the last day of the calibration period (default: the last day)"),
        OptionSpec("holdout", .date, "the last day of the holdout period, after end"),
        OptionSpec("horizon", .int, "the prediction horizon in units (default: a year)"),
        OptionSpec(
          "discount", .number, "the discount rate per unit, e.g. 0.01", default: .number(0)),
        OptionSpec(
          "spend", .choice(["gammagamma", "none"]), "the spend model",
          default: .string("gammagamma")),
        OptionSpec(
          "free", .choice(["skip", "count"]),
          "whether days whose lines are all worth 0 are purchases", default: .string("skip")),
      ],
      examples: [
        "clv",
        "clv unit=week end=2011-09-09 holdout=2011-12-09",
        "clv model=paretonbd horizon=26 discount=0.002",
      ],
      transactionRows: .never,
      run: { context, arguments throws(RuntimeError) in try Commands.runCLV(&context, arguments) })
  ]

  static func runCLV(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let ws = context.workspace
    // A streamed log is summarised from the customer days its load kept; without them, from its
    // rows, read again.
    let streamed = ws.streamed?.log.clvSummaryIsAvailable == true ? ws.streamed : nil
    if ws.streamed != nil && streamed == nil { try context.materializeStreamedLog(at: at) }
    var log = Table.empty
    if streamed != nil {
      log = ws.tableName == Workspace.transactionsTable ? ws.table : .empty
    } else if context.workspace.tableName == Workspace.transactionsTable {
      log = context.workspace.table
    } else if let t = context.workspace.tables[Workspace.transactionsTable] {
      log = t
    } else if ws.hasTable {
      throw RuntimeError(
        .clvError,
        "clv needs a transaction log, but '\(ws.tableName ?? "the table")' is a customer table", at: at
      )
      .withHelp(
        "load the log itself (customer, date, and quantity and price or amount columns): clv counts purchase days"
      )
    } else {
      _ = try context.requireTable(at: at)
      return
    }
    let unit = CLVTimeUnit(rawValue: arguments.string("unit") ?? "week") ?? .week
    let end = arguments.date("end").map { CivilCalendar.day(ofSeconds: $0.secondsSinceEpoch) }
    let holdout = arguments.date("holdout").map {
      CivilCalendar.day(ofSeconds: $0.secondsSinceEpoch)
    }
    let horizon = arguments.int("horizon") ?? unit.perYear
    guard horizon >= 1 else {
      throw RuntimeError(
        .invalidValue, "horizon must be 1 or more \(unit.rawValue)s",
        at: arguments.range(of: "horizon"))
    }
    let discount = arguments.number("discount") ?? 0
    guard discount >= 0, discount < 1 else {
      throw RuntimeError(
        .invalidValue, "discount must be a rate per \(unit.rawValue) from 0 to below 1",
        at: arguments.range(of: "discount")
      ).withHelp("e.g. discount=0.01 for 1% per \(unit.rawValue)")
    }
    let roles =
      ws.provenance?.roles ?? streamed?.log.roles
      ?? ((try? ColumnRoles.detect(in: log.columnNames)) ?? ColumnRoles())
    if !roles.hasMoney && arguments.string("spend") != "none" {
      throw RuntimeError(
        .clvError,
        "the spend model (Gamma-Gamma) needs money, and the log has no price or amount column",
        at: arguments.isGiven("spend") ? arguments.range(of: "spend") : at
      ).withHelp("run the purchase model alone: clv spend=none (or name the money column at load: amount=COLUMN)")
    }
    // Errors about dates point at the option that set them.
    func range(of code: CLVError, _ message: String) -> SourceRange {
      if message.hasPrefix("holdout"), arguments.isGiven("holdout") {
        return arguments.range(of: "holdout")
      }
      if message.hasPrefix("end") || message.hasPrefix("the calibration period"),
        arguments.isGiven("end")
      {
        return arguments.range(of: "end")
      }
      return at
    }
    let summary: CLVSummary
    do {
      let countsFreeDays = arguments.string("free") == "count"
      if let fromStream = try streamed?.log.clvSummary(
        unit: unit, end: end, holdout: holdout, countsFreeDays: countsFreeDays)
      {
        summary = fromStream
      } else {
        summary = try CLVSummary.compute(
          log, roles: roles, unit: unit, end: end, holdout: holdout,
          countsFreeDays: countsFreeDays)
      }
    } catch {
      throw clvError(error, at: range(of: error, error.message))
    }
    try context.checkCancellation(at: at)
    let options = CLVOptions(
      model: CLVModel(rawValue: arguments.string("model") ?? "bgnbd") ?? .bgnbd, horizon: horizon,
      discount: discount, spend: arguments.string("spend") != "none",
      seed: context.workspace.seed)
    let result: CLVResult
    do {
      result = try CLVResult.analyze(summary, options: options)
    } catch {
      throw clvError(error, at: at)
    }
    context.workspace.clv = result
    for line in describe(result) { context.write(line) }
    attachPredictions(&context, result, hasMoney: roles.hasMoney)
    if let note = result.boundaryNote {
      context.warn(
        note, at: at, id: .clvBoundary)
      context.write(
        "  hint: a longer calibration period (a later end) usually shows who stopped buying; model=\(result.options.model == .bgnbd ? "paretonbd" : "bgnbd") is the other model"
      )
    }
    if result.isSpendCorrelationStrong, let r = result.spendCorrelation {
      context.warn(
        "x and zbar are correlated (r = \(NumberFormatting.format(r))): Gamma-Gamma assumes spend per purchase does not depend on how often a customer buys, so its spend predictions are biased",
        at: at, id: .spendCorrelation)
    }
  }

  static func clvError(_ error: CLVError, at range: SourceRange) -> RuntimeError {
    var e = RuntimeError(.clvError, error.message, at: range)
    if let hint = error.hint { e = e.withHelp(hint.seg) }
    return e
  }

  /// Adds the prediction columns to the customer table (and to the outliers, so that the two
  /// keep the same columns), matching customers by id; builds the table from the summary when
  /// there is none. Customers without a calibration purchase get missing values.
  ///
  /// A log without money gets no zbar, exp_spend or clv: its line values are not money.
  static func attachPredictions(
    _ context: inout ExecutionContext, _ result: CLVResult, hasMoney: Bool = true
  ) {
    let s = result.summary
    let predicted = [
      result.expectedPurchases, result.probabilityAlive, result.expectedSpend, result.value,
    ].prefix(hasMoney ? 4 : 2)
    var ws = context.workspace
    let names = Workspace.clvColumns.prefix(hasMoney ? 4 : 2)
    guard
      let customers = ws.tableName == Workspace.customersTable
        ? ws.table : ws.tables[Workspace.customersTable],
      let idName = ws.customerColumnName(in: customers)
    else {
      var columns = [
        s.customers,
        Column(name: "x", data: .decimal(s.frequency)),
        Column(name: "t_x", data: .decimal(s.recency)),
        Column(name: "T", data: .decimal(s.age)),
      ]
      if hasMoney { columns.append(Column(name: "zbar", data: .decimal(s.meanValue))) }
      for (name, values) in zip(names, predicted) {
        columns.append(Column(name: name, data: .decimal(values)))
      }
      if let current = ws.tableName { ws.tables[current] = ws.table }
      ws.setCurrentTable(Table(columns: columns), name: Workspace.customersTable)
      context.workspace = ws
      context.write(
        "current table: customers (\(NumberFormatting.count(s.count)) rows: customer, x, t_x, T, \(hasMoney ? "zbar, " : "")"
          + names.joined(separator: ", ") + ")")
      return
    }
    // Index of each summary customer by id text.
    var index: [String: Int] = [:]
    for i in 0..<s.count { if let id = idKey(s.customers, i) { index[id] = i } }
    func extended(_ table: Table) -> (Table, missing: Int) {
      guard let ids = table[idName] else { return (table, 0) }
      var t = table
      var missing = 0
      let rows = (0..<table.rowCount).map { r -> Int? in
        let i = idKey(ids, r).flatMap { index[$0] }
        if i == nil { missing += 1 }
        return i
      }
      for (name, values) in zip(names, predicted) {
        t.setColumn(Column(name: name, data: .decimal(rows.map { $0.map { values[$0] } ?? .nan })))
      }
      return (t, missing)
    }
    let (table, missing) = extended(customers)
    if ws.tableName == Workspace.customersTable { ws.table = table }
    ws.tables[Workspace.customersTable] = table
    if let outliers = ws.tables[Workspace.outliersTable] {
      ws.tables[Workspace.outliersTable] = extended(outliers).0
    }
    if ws.tableName == Workspace.transactionsTable {
      ws.tables[Workspace.transactionsTable] = ws.table
      ws.table = table
      ws.tableName = Workspace.customersTable
    }
    context.workspace = ws
    context.write(
      "current table: customers (added \(names.joined(separator: ", "))"
        + (missing > 0
          ? "; \(NumberFormatting.count(missing)) customer\(missing == 1 ? " has" : "s have") no purchase day by end: missing)"
          : ")"))
  }

  /// A customer id as text, for matching tables: integers (and whole decimals) in decimal.
  static func idKey(_ column: Column, _ row: Int) -> String? {
    switch column.data {
    case .integer(let v): return v[row] == Column.missingInteger ? nil : String(v[row])
    case .decimal(let v):
      guard v[row].isFinite else { return nil }
      return v[row] == v[row].rounded() && abs(v[row]) < 9e15 ? String(Int64(v[row])) : String(v[row])
    default: return column.text(at: row)
    }
  }

  /// The day as `YYYY-MM-DD`.
  static func isoDay(_ day: Int64) -> String {
    CivilCalendar.isoText(seconds: day * CivilCalendar.secondsPerDay, includeTime: false)
  }

  /// A fit's parameters, log-likelihood, iterations and convergence, on one line.
  static func fitLine(_ title: String, _ fit: CLVFit) -> String {
    let parameters = zip(fit.names, fit.values).map { "\($0) = \(NumberFormatting.format($1))" }
    return
      "\(title): \(parameters.joined(separator: ", ")); log-likelihood \(NumberFormatting.format(fit.logLikelihood)); "
      + "\(fit.iterations) iterations; converged (\(fit.convergedStarts) of \(fit.starts) starts)"
  }

  /// What `clv` prints.
  static func describe(_ r: CLVResult) -> [String] {
    let s = r.summary
    let unit = s.unit.rawValue
    var lines: [String] = []
    var head =
      "clv: \(NumberFormatting.count(s.count)) customers, calibration \(isoDay(s.firstDay)) to \(isoDay(s.endDay)) "
      + "in \(unit)s (\(NumberFormatting.format(s.unit.days)) day\(s.unit == .day ? "" : "s"))"
    if let h = s.holdoutDay {
      head +=
        ", holdout to \(isoDay(h)) (\(NumberFormatting.format(s.holdoutLength)) \(unit)s)"
    }
    lines.append(head)
    lines.append(
      "  summary per customer: x repeat purchase days, t_x first to last purchase, T first purchase to end, "
        + "zbar mean value of the repeat days; returns lower their day's value, a day of net value 0 or less is not a purchase"
    )
    var aside: [String] = []
    if s.excludedNonPositive > 0 {
      aside.append(
        "\(NumberFormatting.count(s.excludedNonPositive)) customer\(s.excludedNonPositive == 1 ? "" : "s") with only returns or days of net value 0 or less"
      )
    }
    if s.startingAfterEnd > 0 {
      aside.append(
        "\(NumberFormatting.count(s.startingAfterEnd)) customer\(s.startingAfterEnd == 1 ? "" : "s") first buying after end"
      )
    }
    if s.linesSetAside > 0 {
      aside.append(
        "\(NumberFormatting.count(s.linesSetAside)) line\(s.linesSetAside == 1 ? "" : "s") without customer, date or value"
      )
    }
    if s.nonPositiveDays > 0 {
      var days =
        "\(NumberFormatting.count(s.nonPositiveDays)) customer-day\(s.nonPositiveDays == 1 ? "" : "s") of net value 0 or less not counted as purchases"
      if !s.countsFreeDays && s.zeroValueDays > 0 {
        days +=
          " (\(NumberFormatting.count(s.zeroValueDays)) of them worth exactly 0 with no return, such as free orders: free=count counts those)"
      }
      aside.append(days)
    }
    if !aside.isEmpty { lines.append("  set aside: " + aside.joined(separator: "; ")) }
    if s.countsFreeDays {
      lines.append(
        "  free=count: \(NumberFormatting.count(s.zeroValueDays)) customer-day\(s.zeroValueDays == 1 ? "" : "s") worth exactly 0 with no return counted as purchase\(s.zeroValueDays == 1 ? "" : "s")"
      )
    }
    let n = Double(s.count)
    let repeaters = s.frequency.filter { $0 > 0 }.count
    lines.append(
      "  mean x \(NumberFormatting.format(s.frequency.reduce(0, +) / n)), mean t_x \(NumberFormatting.format(s.recency.reduce(0, +) / n)), "
        + "mean T \(NumberFormatting.format(s.age.reduce(0, +) / n)); \(NumberFormatting.count(repeaters)) repeat buyers (\(NumberFormatting.percent(Double(repeaters) / n)))"
    )
    lines.append(fitLine("BG/NBD", r.bgnbd))
    if let p = r.paretoNBD { lines.append(fitLine("Pareto/NBD", p)) }
    if let g = r.gammaGamma {
      lines.append(
        fitLine("Gamma-Gamma (\(NumberFormatting.count(g.customers)) customers with x > 0 and zbar > 0)", g))
      let mean = g["p"] * g["gamma"] / (g["q"] - 1)
      var line = "  mean spend per purchase \(NumberFormatting.format(mean))"
      if let c = r.spendCorrelation {
        line +=
          "; correlation of x and zbar \(NumberFormatting.format(c)) (the model assumes none\(r.isSpendCorrelationStrong ? ": strong" : ", weak enough"))"
      }
      lines.append(line)
    }
    let o = r.options
    lines.append(
      "predictions over \(o.horizon) \(unit)\(o.horizon == 1 ? "" : "s") with \(r.purchaseFit == r.bgnbd ? "BG/NBD" : "Pareto/NBD")"
        + (r.gammaGamma == nil ? "" : " and Gamma-Gamma, discount \(NumberFormatting.format(o.discount)) per \(unit)")
        + ":")
    var totals =
      "  expected purchases \(NumberFormatting.format(r.expectedPurchases.reduce(0, +))), mean P(alive) \(NumberFormatting.format(r.probabilityAlive.reduce(0, +) / n))"
    if r.gammaGamma != nil {
      totals +=
        ", mean expected spend \(NumberFormatting.format(r.expectedSpend.reduce(0, +) / n)), total CLV \(NumberFormatting.format(r.value.reduce(0, +)))"
    }
    lines.append(totals)
    if let h = r.holdout, let day = s.holdoutDay {
      lines.append(
        "holdout \(isoDay(s.endDay + 1)) to \(isoDay(day)) (\(NumberFormatting.format(h.length)) \(unit)s): mean purchases per customer by calibration repeat purchases"
      )
      let rows = h.rows.map {
        [
          $0.label, NumberFormatting.count($0.customers), NumberFormatting.format($0.actualMean),
          NumberFormatting.format($0.predictedMean),
        ]
      }
      lines.append(
        indent(
          TextTable.render(
            header: ["x", "customers", "actual", "predicted"], rows: rows,
            rightAligned: [1, 2, 3])))
      lines.append(
        "  total purchases: actual \(NumberFormatting.format(h.actualTotal)), predicted \(NumberFormatting.format(h.predictedTotal)); "
          + "mean absolute error \(NumberFormatting.format(h.meanAbsoluteError)) per customer")
    }
    return lines
  }
}
