// Stage 2 of a load: the header, the roles and the columns' policies. See ``LoadSession``.

extension LoadSession {
  /// Tokenizes the header row (the first row of a header-less file), reading more of the file
  /// while the row is unfinished.
  func headerRow(_ input: inout BlockInput) throws(LoadFailure) -> CSVTokenizer.FieldBounds {
    let start = input.start
    while true {
      var header = CSVTokenizer.FieldBounds()
      let stop = input.buffer.withUnsafeBufferPointer { [delimiter, filled = input.filled, eof = input.eof] b in
        CSVTokenizer(delimiter: delimiter, columnCount: 0).tokenize(
          b,
          from: start,
          to: filled,
          isFinal: eof,
          maxRows: 1,
          into: &header
        )
      }
      if case .unterminatedQuote(let offset) = stop {
        throw error(
          .unterminatedQuote,
          line: lineOf(offset, in: input.buffer, from: 0, base: 1),
          column: 1,
          "a quoted header field is never closed",
          hint: "add the closing quote (\")"
        )
      }
      if header.fields > LoadOptions.maximumColumns {
        throw error(
          .tooManyColumns,
          line: lineOf(start, in: input.buffer, from: 0, base: 1),
          column: LoadOptions.maximumColumns + 1,
          "the header has more than 16,384 columns",
          hint: "at most 16,384 columns can be read; check the delimiter (\(setting: .delimiter)) or keep fewer columns"
        )
      }
      if header.rows == 1 { return header }
      if input.eof {
        throw error(
          .emptyFile,
          "'\(name)' is empty",
          hint: "check that the file was written completely"
        )
      }
      try input.readMore()
    }
  }

  /// Decodes the header into names, checks them and assigns roles and policies.
  mutating func readHeader(
    _ header: CSVTokenizer.FieldBounds, _ buffer: [UInt8], sample: [[String]]
  ) throws(LoadFailure) {
    var raw: [[UInt8]] = []
    buffer.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return }
      var scratch: [UInt8] = []
      for k in 0..<header.fields {
        let s = Int(header.starts[k])
        let e = header.ends[k]
        if e & CSVTokenizer.escapedFlag == 0 {
          raw.append(Array(b[s..<Int(e)]))
        } else {
          CSVTokenizer.unescape(p, from: s, to: Int(e & ~CSVTokenizer.escapedFlag), into: &scratch)
          raw.append(scratch)
        }
      }
    }
    let headerLine = lineOf(
      header.fields > 0 ? Int(header.starts[0]) : 0, in: buffer, from: 0, base: 1)
    if let given = options.columnNames {
      // No header row: the names come from the options and must cover the first row's fields.
      guard given.count == header.fields else {
        throw error(
          .raggedRow,
          line: headerLine,
          "the first row has \(header.fields) field\(header.fields == 1 ? "" : "s") but \(given.count) column name\(given.count == 1 ? " was" : "s were") given",
          hint: "give one name per field: \(setting: .columns, "[...]") with \(header.fields) names"
        )
      }
      names = given
    } else {
      blankColumns = []
      headerIsUTF8 = raw.allSatisfy { TextEncoding.isValidUTF8($0) }
      let encoding = options.encoding ?? (headerIsUTF8 ? .utf8 : .windows1252)
      names = raw.enumerated().map { (j, bytes) in
        let text = encoding.decode(bytes).trimmingSpaces
        if text.isEmpty { blankColumns.append(j) }
        return text.isEmpty ? "column_\(j + 1)" : text
      }
    }
    if isGroupedReport, blankColumns.first == GroupedReport.column {
      // The grouping column of a report is named after what the title says it is grouped by.
      let titled = GroupedReport.columnName(fromTitles: preamble?.titles ?? [])
      let name = titled.flatMap { names.contains($0) ? nil : $0 } ?? "group"
      if !names.contains(name) {
        names[GroupedReport.column] = name
        blankColumns.removeFirst()
      }
    }
    // A pivot table's export writes each customer on the first row of its group only; its
    // rows are read with the customer filled down (the roles are scored on them so).
    var sample = sample
    if !isGroupedReport, options.columnNames == nil, let first = names.first,
      ColumnRoles.mentions(.customer, in: first),
      options.roles[.customer].map({ $0 == first }) ?? true,
      GroupedReport.detectPivot(sample)
    {
      isGroupedReport = true
      isPivotReport = true
      sample = GroupedReport.filledDown(sample)
    }
    var seen: [String: Int] = [:]
    for (j, n) in names.enumerated() {
      if let first = seen[n] {
        throw error(
          .duplicateColumnName,
          line: headerLine,
          column: j + 1,
          "columns \(first + 1) and \(j + 1) are both named '\(n)'",
          hint: "rename one of them in the header"
        )
      }
      seen[n] = j
    }
    do {
      let values = names.indices.map { j in sample.map { j < $0.count ? $0[j] : "" } }
      let kinds = zip(values, names).map { SampledKind.of($0, name: $1) }
      let readsNumbers = options.dateFormat.map { $0.isExcelSerial || $0.dayNumberOrigin != nil }
      roles = try ColumnRoles.detect(
        in: names, explicit: options.roles, kinds: kinds,
        repeating: values.map(ColumnRoles.valuesRepeat), numbersMayBeDates: readsNumbers ?? false)
      if options.columnNames == nil {
        firstRowLooksLikeData = LoadSession.looksLikeData(names, kinds: kinds)
      }
    } catch {
      throw .failed(
        LoadError(
          code: .missingRoleColumn,
          file: name,
          line: headerLine,
          message: error.message,
          hint: error.hint
        )
      )
    }
    if case .status(let column)? = options.cancellationRule, !names.contains(column) {
      let suggestions = NameSuggestions.nearest(to: column, among: names)
      throw error(
        .missingRoleColumn, line: headerLine,
        "no column '\(column)' for the cancellation status; columns: \(names.joined(separator: ", "))",
        hint: suggestions.first.map { "did you mean '\($0)'?" }
          ?? "name the status column, or give \(setting: .cancelled, "none")")
    }
    policies = names.enumerated().map { (j, n) in
      if forcedText.contains(j) { return .text }
      guard let role = roles.columns.first(where: { $0.value == n })?.key else { return .infer }
      if role.isNumeric { return .number }
      if role == .customer { return .identifier }
      if role == .date {
        return .date(options.dateFormat, epoch: DateParsing.nameSaysDateOrTime(n))
      }
      return .infer
    }
  }

  /// The first rows after the header as text, one array of fields per row (at most
  /// ``sampleSize`` rows; for weighing role names with what the columns hold).
  static func sampleRows(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, isFinal: Bool,
    delimiter: Delimiter, columns: Int
  ) -> [[String]] {
    guard let p = b.baseAddress else { return [] }
    var rows: [[String]] = []
    var position = start
    var scratch: [UInt8] = []
    // One set of bounds for every row: the tokenizer makes room for a field every 8 bytes of its
    // range, so arrays made afresh per row cost 200 × 8K zeroed fields.
    var bounds = CSVTokenizer.FieldBounds()
    while rows.count < sampleSize && position < end {
      bounds.fields = 0
      bounds.rows = 0
      bounds.lineBreaks = 0
      bounds.consumed = 0
      // A window of 64 KiB, not the rest of the block (a 16 MiB block would make room for 2M
      // fields). A sampled row longer than the window ends the sample.
      let window = min(end, position + 1 << 16)
      let stop = CSVTokenizer(delimiter: delimiter, columnCount: 0).tokenize(
        b, from: position, to: window, isFinal: isFinal && window == end, maxRows: 1,
        into: &bounds)
      guard bounds.rows == 1, bounds.consumed > position else { break }
      if case .unterminatedQuote = stop { break }
      var row: [String] = []
      for k in 0..<bounds.fields {
        let s = Int(bounds.starts[k])
        let e = bounds.ends[k]
        if e & CSVTokenizer.escapedFlag == 0 {
          row.append(String(decoding: UnsafeBufferPointer(start: p + s, count: Int(e) - s), as: UTF8.self))
        } else {
          CSVTokenizer.unescape(p, from: s, to: Int(e & ~CSVTokenizer.escapedFlag), into: &scratch)
          row.append(String(decoding: scratch, as: UTF8.self))
        }
      }
      rows.append(row)
      position = bounds.consumed
    }
    return rows
  }

  /// How many rows ``sampleRows(_:from:to:isFinal:delimiter:columns:)`` reads.
  static let sampleSize = SampledKind.sampleRows

  /// How many bytes of rows, at least, roles and number styles are decided from (all of them in
  /// a shorter file).
  static let sniffWindow = 1 << 16

  /// Whether header names look like a row of data: every name is a number, or at least two
  /// names are numbers or dates in columns whose values below are of that kind.
  static func looksLikeData(_ names: [String], kinds: [SampledKind]) -> Bool {
    guard !names.isEmpty else { return false }
    let numeric: Set<SampledKind> = [.number, .compactDate, .epoch, .timeOfDay]
    if names.allSatisfy({ numeric.contains(SampledKind.of([$0])) }) {
      return true
    }
    var hits = 0
    for (j, name) in names.enumerated() where j < kinds.count {
      let kind = SampledKind.of([name])
      if kind == .unknown || kind == .empty || kind == .text { continue }
      let below = kinds[j]
      if kind == below || (numeric.contains(kind) && numeric.contains(below)) {
        hits += 1
      }
    }
    return hits >= 2
  }

  /// Decides how each column's numbers are written (decimal comma or point) from the first rows
  /// (at least ``sniffWindow`` bytes of them), or stops when a column has both.
  mutating func sniffNumbers(_ input: BlockInput, from rowsStart: Int) throws(LoadFailure) {
    let sniffed = input.buffer.withUnsafeBufferPointer { b in
      NumberSniffer.decide(
        b, from: rowsStart, to: input.filled, isFinal: input.eof,
        delimiter: delimiter, policies: policies, forced: options.decimal)
    }
    if let conflict = sniffed.conflict {
      let commaLine = lineOf(conflict.comma, in: input.buffer, from: 0, base: 1)
      let pointLine = lineOf(conflict.point, in: input.buffer, from: 0, base: 1)
      throw error(
        .ambiguousDecimal,
        line: max(commaLine, pointLine),
        column: conflict.column + 1,
        "'\(names[conflict.column])' has numbers with a decimal comma (line \(commaLine)) and numbers with a decimal point (line \(pointLine))",
        hint: "say which separator is decimal with \(setting: .decimal, "\",\"") or \(setting: .decimal, "\".\"")"
      )
    }
    numberStyles = sniffed.styles
    numberAssumptions = sniffed.assumptions
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}

/// Reads the next block on another thread while the current one is parsed.
