// Stage 4 of a load, kept in memory: the accumulators become the table's columns. See
// ``LoadSession``.

extension LoadSession {
  /// The type a column takes when every value is empty: the one its policy gives it (number:
  /// decimal, date: date-time, else text).
  static func emptyType(_ policy: ColumnPolicy) -> ColumnType {
    if policy == .number { return .decimal }
    if case .date = policy { return .datetime }
    return .text
  }

  /// `rows` empty values of ``emptyType(_:)``.
  static func emptyColumn(_ policy: ColumnPolicy, rows: Int) -> ColumnData {
    switch emptyType(policy) {
    case .decimal: .decimal(Array(repeating: .nan, count: rows))
    case .datetime: .datetime(Array(repeating: Column.missingInteger, count: rows))
    default: .category(codes: Array(repeating: Column.missingCode, count: rows), dictionary: [])
    }
  }

  /// The table of the accumulated rows, its cancellation rule and its report. Decides what the
  /// blocks left open: slash dates day-first or month-first (or the error when both or neither
  /// fit), one text encoding for the whole file, and the columns to read again as text (a
  /// restart).
  mutating func finishTable(rows: Int) throws(LoadFailure) -> LoadedTable {
    var kinds: [ColumnData?] = Array(repeating: nil, count: names.count)
    var restart = Set<Int>()
    for c in 0..<names.count {
      let acc = accumulators[c].value
      let isDate: Bool
      if case .date = policies[c] { isDate = true } else { isDate = false }
      switch acc.kind {
      case .empty:
        if policies[c] == .number || isDate { kinds[c] = LoadSession.emptyColumn(policies[c], rows: rows) }
      case .integer:
        kinds[c] = .integer(acc.ints)
      case .decimal:
        if roles[.customer] == names[c] {
          if RFMInputs.areWholeIDs(acc.doubles) {
            kinds[c] = .integer(RFMInputs.wholeIDs(acc.doubles))
          } else {
            restart.insert(c)
          }
        } else {
          kinds[c] = .decimal(acc.doubles)
        }
      case .datetime:
        kinds[c] = .datetime(acc.ints)
      case .slashDate:
        var monthFirst = acc.monthFirstInvalidLine == nil
        let dayFirst = acc.dayFirstInvalidLine == nil
        if monthFirst && dayFirst && isDate && acc.slashExample.map(SlashDate.isDotted) == true {
          // Dates with dots are written day first (German, Russian, Polish, Turkish, Nordic
          // exports: 04.01.2021); no convention writes the month first so.
          monthFirst = false
          accumulators[c].value.dottedDayFirst = true
        }
        if monthFirst && dayFirst {
          guard isDate else {
            restart.insert(c)
            continue
          }
          let patterns =
            acc.slashExample.flatMap(SlashDate.patterns(for:))
            ?? (dayFirst: "%d/%m/%Y %H:%M", monthFirst: "%m/%d/%Y %H:%M")
          throw error(
            .ambiguousDate,
            column: c + 1,
            "every date in '\(names[c])' has day and month ≤ 12, so day-first and month-first both fit",
            hint:
              "say which with \(setting: .dateFormat, "\"\(patterns.dayFirst)\"") (day first) or \(setting: .dateFormat, "\"\(patterns.monthFirst)\"") (month first)"
          )
        }
        if !monthFirst && !dayFirst {
          guard isDate else {
            restart.insert(c)
            continue
          }
          throw error(
            .unparseableDate,
            line: max(acc.monthFirstInvalidLine ?? 0, acc.dayFirstInvalidLine ?? 0),
            column: c + 1,
            "'\(names[c])' mixes month-first dates (line \(acc.dayFirstInvalidLine ?? 0)) and day-first dates (line \(acc.monthFirstInvalidLine ?? 0))",
            hint: "write every date the same way, or give \(setting: .dateFormat)"
          )
        }
        // Taken out of the accumulator first, so that converting does not copy the column.
        var dates = accumulators[c].value.ints
        accumulators[c].value.ints = []
        SlashDate.convert(&dates, monthFirst: monthFirst)
        kinds[c] = .datetime(dates)
      case .text:
        break
      }
    }
    if !restart.isEmpty { throw .restart(restart) }

    // Text: one encoding for the whole file.
    var isUTF8 = headerIsUTF8
    if options.encoding == nil && isUTF8 {
      for c in 0..<names.count
      where accumulators[c].value.kind == .text || accumulators[c].value.kind == .empty {
        let pool = accumulators[c].value.pool
        if pool.isASCII { continue }
        if !TextEncoding.isValidUTF8(pool.storage) {
          isUTF8 = false
          break
        }
      }
    }
    let encoding = options.encoding ?? (isUTF8 ? .utf8 : .windows1252)
    let textColumns = (0..<names.count).filter { kinds[$0] == nil }
    let pools = textColumns.map { accumulators[$0].value.pool }
    let dictionaries = Parallel.map(pools.count) { k in
      let pool = pools[k]
      return (0..<pool.count).map { encoding.decode(pool.bytes(of: $0)) }
    }
    // Before the accumulators are released below.
    let reading = readingNotes
    var columns: [Column] = []
    columns.reserveCapacity(names.count)
    for c in 0..<names.count {
      if let data = kinds[c] {
        columns.append(Column(name: names[c], data: data))
      } else {
        let k = textColumns.firstIndex(of: c) ?? 0
        let codes =
          accumulators[c].value.kind == .empty
          ? Array(repeating: Column.missingCode, count: rows) : accumulators[c].value.codes
        columns.append(
          Column(name: names[c], data: .category(codes: codes, dictionary: dictionaries[k]))
        )
      }
      accumulators[c].value = ColumnAccumulator()
    }
    var table = Table(columns: columns)
    if isGroupedReport { groupedOutcome = GroupedReport.apply(to: &table, pivot: isPivotReport) }
    if roles[.invoice] != nil || roles.isTransactionLog {
      roles.cancellation = CancellationDecision.decide(
        table: table, roles: roles, explicit: options.cancellationRule)
    }
    let counts = TableStatistics.count(table, roles: roles)
    var report = report(
      rows: table.rowCount,
      columns: zip(table.columns, counts.missing).map { ($0.type, $1) },
      encoding: encoding, encodingFallback: options.encoding == nil && !isUTF8,
      statistics: counts.statistics, duplicates: counts.duplicates, reading: reading)
    if let groupedOutcome {
      let (notes, warnings) = groupedOutcome.remarks(column: names[GroupedReport.column])
      report.notes += notes
      report.warnings += warnings
    }
    return LoadedTable(table: table, roles: roles, report: report)
  }
}
