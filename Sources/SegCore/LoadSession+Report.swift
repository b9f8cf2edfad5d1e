// Stage 5 of a load: the report, the same for a table kept in memory and a streamed log. See
// ``LoadSession``.

/// How the load read values where the summary should say so: dates (offsets, epoch times,
/// two-digit years), digits with leading zeros, and the number columns not written plainly.
struct ReadingNotes {
  var notes: [String]
  var numbers: [Remark]
}

extension LoadSession {
  /// The load report: `columns` gives each column's type and missing values in header order,
  /// `statistics` and `duplicates` the log's counts, `reading` how values were read (taken
  /// before the accumulators are released).
  func report(
    rows: Int, columns: [(type: ColumnType, missing: Int)], encoding: TextEncoding,
    encodingFallback: Bool, statistics: TableStatistics, duplicates: Int, reading: ReadingNotes
  ) -> LoadReport {
    let roleByName = Dictionary(
      roles.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    var report = LoadReport(
      file: name, rows: rows,
      columns: zip(names, columns).map { name, column in
        LoadReport.ColumnSummary(
          name: name, type: column.type, missing: column.missing, role: roleByName[name])
      },
      encoding: encoding, encodingFallback: encodingFallback, delimiter: delimiter,
      isCompressed: isCompressed, warnings: warnings, notes: reading.notes)
    report.numbers = reading.numbers
    report.isUTF16 = isUTF16
    report.record(statistics, duplicates: duplicates, roles: roles)
    return report
  }

  /// The report's notes on how values were read, from the accumulators.
  var readingNotes: ReadingNotes {
    let empty =
      emptyRows == 0
      ? []
      : [
        "\(ReportFormatting.thousands(emptyRows)) row\(emptyRows == 1 ? "" : "s") with every field empty skipped, as blank lines are"
      ]
    var separator: [String] = []
    if let preamble, preamble.isSeparatorLine {
      separator = ["line 1 (\(preamble.first)) is Excel's line naming the delimiter: skipped"]
    }
    return ReadingNotes(
      notes: separator + dateNotes + zeroPaddedNotes + nullNotes + empty, numbers: numberNotes)
  }

  /// The report's notes on values written as a null (`NULL`, `N/A`) read as missing.
  var nullNotes: [String] {
    names.indices.compactMap { c -> String? in
      let acc = accumulators[c].value
      guard acc.nullTokens > 0, acc.kind != .text || policies[c] == .identifier,
        let example = acc.nullExample
      else { return nil }
      let n = acc.nullTokens
      return "\(names[c]): \(ReportFormatting.thousands(n)) value\(n == 1 ? "" : "s") written \(String(decoding: example, as: UTF8.self))\(n == 1 ? "" : " or the like") read as missing"
    }
  }

  /// The report's notes on how date columns were read (UTC offsets, epoch times).
  var dateNotes: [String] {
    names.indices.flatMap { c -> [String] in
      guard case .date = policies[c] else { return [] }
      let acc = accumulators[c].value
      var notes = acc.dateReading?.note(column: names[c], shifted: acc.shiftedOffsets).map { [$0] } ?? []
      if acc.zoneNames != 0, !notes.isEmpty {
        notes[0] += " (\(WrittenZone.names(inMask: acc.zoneNames)))"
      }
      if acc.dottedDayFirst {
        notes.append(
          "\(names[c]): every date fits day-first and month-first; read day-first, as dates written with dots are (01.02.2021 is 1 February)")
      }
      if acc.twoDigitYears {
        notes.append(
          "\(names[c]): two-digit years read as 1969–1999 (69–99) and 2000–2068 (00–68)")
      }
      return notes
    }
  }

  /// The report's notes on text columns of digits written with leading zeros (`00123`): they
  /// were read as codes, not numbers, so that `00123` and `123` stay apart.
  var zeroPaddedNotes: [String] {
    names.indices.compactMap { c in
      let acc = accumulators[c].value
      switch policies[c] {
      case .infer, .identifier: break
      default: return nil
      }
      guard acc.kind == .text, acc.pool.count > 0 else { return nil }
      var example: ArraySlice<UInt8>?
      for k in 0..<acc.pool.count {
        let bytes = acc.pool.bytes(of: k)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 &- 48 < 10 }) else { return nil }
        if example == nil && bytes.count > 1 && bytes.first == UInt8(ascii: "0") {
          example = bytes
        }
      }
      guard let example else { return nil }
      let shown = String(decoding: example, as: UTF8.self)
      let stripped = shown.drop { $0 == "0" }
      let plain = stripped.isEmpty ? "0" : String(stripped)
      return "\(names[c]): written with leading zeros (\(shown)), so read as text: "
        + "\(shown) and \(plain) stay apart"
    }
  }

  /// A line of the file as a warning quotes it: at most 60 characters, cut with `...`.
  static func shortened(_ line: String) -> String {
    line.count > 60 ? line.prefix(57) + "..." : line
  }

  /// The report's warnings about the options.
  var warnings: [Remark] {
    var out: [Remark] = []
    if let preamble, !preamble.isSeparatorLine {
      let first = LoadSession.shortened(preamble.first)
      out.append(
        preamble.lines == 1
          ? "line 1 (\(first)) is above the header: skipped, as a report's title"
          : "lines 1–\(preamble.lines), from \(first), are above the header: skipped, as a report's title"
      )
    }
    if firstRowLooksLikeData {
      let shown = names.prefix(5).joined(separator: " ") + (names.count > 5 ? " …" : "")
      out.append(
        "the first row (\(shown)) looks like data, not column names; if the file has no header, load it with \(setting: .header, "false") \(setting: .columns, "[\(names.indices.map { "c\($0 + 1)" }.joined(separator: ", "))]") and name the columns"
      )
    }
    if options.dateFormat != nil && roles[.date] == nil {
      out.append("\(setting: .dateFormat) was given but there is no date column; name it with \(setting: .role(.date), "COLUMN")")
    }
    if let footer {
      let count = footer.lines.count
      let first = LoadSession.shortened(footer.lines[0])
      out.append(
        count == 1
          ? "line \(footer.line) (\(first)) has fewer fields than the header and ends the file: read as a footer, not a row"
          : "the last \(count) lines, from line \(footer.line) (\(first)), have fewer fields than the header: read as a footer, not rows"
      )
    }
    if !blankColumns.isEmpty {
      let shown = blankColumns.prefix(5).map { "column_\($0 + 1)" }.joined(separator: ", ")
      let more = blankColumns.count > 5 ? ", …" : ""
      out.append(
        blankColumns.count == 1
          ? "header field \(blankColumns[0] + 1) is blank: it is named \(shown)"
          : "\(blankColumns.count) header fields are blank: they are named \(shown)\(more)")
    }
    return out
  }

  /// How the number columns were read, for the report: one line per way of writing numbers that
  /// was not plain, naming its columns (a payment export writes a dozen money columns alike).
  var numberNotes: [Remark] {
    var groups: [(columns: [String], parts: [Remark])] = []
    for c in 0..<names.count {
      let acc = accumulators[c].value
      guard acc.kind == .integer || acc.kind == .decimal || acc.kind == .empty else { continue }
      var parts: [Remark] = []
      if c < numberStyles.count && numberStyles[c].decimal == .comma {
        parts.append("decimal comma")
      }
      if acc.spelling.contains(.thousands) { parts.append("thousands separators") }
      if acc.currency != 0 {
        parts.append("currency \(WrittenNumber.currencyName(acc.currency)) stripped")
      }
      if acc.spelling.contains(.parentheses) { parts.append("(12.00) read as -12.00") }
      if acc.spelling.contains(.trailingMinus) { parts.append("12.00- read as -12.00") }
      if let assumed = numberAssumptions[c], acc.kind != .empty { parts.append(assumed) }
      guard !parts.isEmpty else { continue }
      if let g = groups.firstIndex(where: { $0.parts == parts }) {
        groups[g].columns.append(names[c])
      } else {
        groups.append(([names[c]], parts))
      }
    }
    return groups.map { group in
      let first = group.parts[0]
      return group.parts.dropFirst().reduce("\(Self.listing(group.columns)): \(first)") {
        $0 + ", " + $1
      }
    }
  }

  /// `Net Sales`, `Tax, Tip`, `Gross Sales, Discounts, Tax and 12 more columns` (commas only
  /// between the names: a name may hold an `and`, as `Shipping and Handling` does).
  static func listing(_ columns: [String], shown: Int = 4) -> String {
    guard columns.count > shown else { return columns.joined(separator: ", ") }
    return columns.prefix(shown - 1).joined(separator: ", ")
      + " and \(columns.count - shown + 1) more columns"
  }
}
