#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

// Stage 3 of a load: each block's rows, parsed in parallel pieces and merged in order into the
// columns' accumulators. See ``LoadSession``.

extension LoadSession {
  /// What one piece of a region produced.
  struct PieceOutcome: Sendable {
    var bounds: CSVTokenizer.FieldBounds
    var stop: CSVTokenizer.Stop
    var columns: [PieceColumn]
    var failure: FieldFailure?
  }

  static func parsePiece(
    _ buffer: [UInt8],
    from start: Int,
    to end: Int,
    isFinal: Bool,
    delimiter: Delimiter,
    policies: [ColumnPolicy],
    numberStyles: [NumberStyle] = [],
    dictionaries: [ByteStringPool?],
    scratch: PieceScratchBox? = nil
  ) -> PieceOutcome {
    var spare = scratch?.take() ?? PieceScratch()
    return buffer.withUnsafeBufferPointer { b in
      var bounds = CSVTokenizer.FieldBounds()
      swap(&bounds.starts, &spare.starts)
      swap(&bounds.ends, &spare.ends)
      bounds.fields = 0
      let stop = CSVTokenizer(delimiter: delimiter, columnCount: policies.count).tokenize(
        b,
        from: start,
        to: end,
        isFinal: isFinal,
        into: &bounds
      )
      guard let base = b.baseAddress, bounds.rows > 0 else {
        return PieceOutcome(bounds: bounds, stop: stop, columns: [], failure: nil)
      }
      let parser = PieceParser(
        base: base, bounds: bounds, columnCount: policies.count, numberStyles: numberStyles)
      var columns: [PieceColumn] = []
      var failure: FieldFailure? = nil
      for (c, policy) in policies.enumerated() {
        var reuse = PieceColumn()
        if c < spare.columns.count { swap(&reuse, &spare.columns[c]) }
        do throws(FieldFailure) {
          let neighbor = c > 0 && columns[c - 1].kind == .text ? columns[c - 1].codes : nil
          columns.append(
            try parser.parseColumn(
              c, policy: policy, reuse: reuse, neighbor: neighbor,
              dictionary: c < dictionaries.count ? dictionaries[c] : nil)
          )
        } catch {
          if failure == nil || error.offset < failure?.offset ?? .max { failure = error }
          columns.append(PieceColumn())
        }
      }
      return PieceOutcome(bounds: bounds, stop: stop, columns: columns, failure: failure)
    }
  }

  /// Gives a merged piece's arrays back to its slot for the next block.
  static func recycle(_ outcome: inout PieceOutcome, into box: PieceScratchBox) {
    var scratch = PieceScratch()
    swap(&scratch.starts, &outcome.bounds.starts)
    swap(&scratch.ends, &outcome.bounds.ends)
    swap(&scratch.columns, &outcome.columns)
    box.store(&scratch)
  }

  /// Finds piece boundaries: line starts after about equal shares of the region, outside quotes
  /// (by quote parity, which well-formed CSV keeps; a wrong guess is caught when merging).
  func boundaries(_ buffer: [UInt8], from start: Int, to end: Int) -> [Int] {
    let length = end - start
    let minimum = max(
      256,
      min(LoadSession.minimumPieceSize, blockSize / (2 * Parallel.activeCores))
    )
    // Two pieces a core: a core that finishes early takes another piece instead of waiting for
    // the slowest (the sink's work on the last block shares the cores).
    let pieces = min(Parallel.activeCores * 2, max(1, length / minimum))
    var result = [start]
    guard pieces > 1 else { return result + [end] }
    buffer.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return }
      var quotes = 0
      var counted = start
      for k in 1..<pieces {
        let target = start + length / pieces * k
        guard target > (result.last ?? start), target > counted else { continue }
        // Count quotes up to the target quickly with memchr.
        var i = counted
        while i < target {
          guard let hit = memchr(p + i, 0x22, target - i) else { break }
          quotes += 1
          i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p + 1
        }
        counted = target
        var j = target
        var found: Int? = nil
        while j < end {
          let c = p[j]
          if c == 0x22 {
            quotes += 1
          } else if c == 0x0A && quotes & 1 == 0 {
            found = j + 1
            break
          }
          j += 1
        }
        counted = j
        guard let found, found < end else { break }
        result.append(found)
        counted = found
      }
    }
    return result + [end]
  }

  /// The text columns' dictionaries so far, for the pieces to look values up in; not for a
  /// column whose values were mostly new in a recent block (see ``dictionaryPause``).
  var textDictionaries: [ByteStringPool?] {
    accumulators.indices.map { c in
      let a = accumulators[c].value
      return a.kind == .text && (c >= dictionaryPause.count || dictionaryPause[c] == 0)
        ? a.pool : nil
    }
  }

  /// Pauses the dictionary of columns whose values were mostly new in this block.
  mutating func notePieceLookups(_ outcomes: [PieceOutcome]) {
    if dictionaryPause.count < names.count {
      dictionaryPause = Array(repeating: 0, count: names.count)
    }
    for c in 0..<names.count {
      if dictionaryPause[c] > 0 {
        dictionaryPause[c] -= 1
      } else if outcomes.contains(where: {
        c < $0.columns.count && $0.columns[c].dictionaryMissed
      }) {
        dictionaryPause[c] = 63
      }
    }
  }

  /// Parses `start..<end` in parallel pieces and merges them into the accumulators in order.
  mutating func parseRegion(
    _ buffer: [UInt8],
    from start: Int,
    to end: Int,
    isFinal: Bool,
    lineBreaksBefore: Int
  ) throws(LoadFailure) -> (rows: Int, lineBreaks: Int, consumed: Int) {
    let cuts = boundaries(buffer, from: start, to: end)
    let delimiter = self.delimiter
    let policies = self.policies
    let numberStyles = self.numberStyles
    while scratch.count < cuts.count - 1 { scratch.append(PieceScratchBox()) }
    let boxes = scratch
    // The pieces read the text columns' dictionaries; the references must be gone before the
    // merge extends them (or extending them would copy them), so they live in this call only.
    func parsePieces(_ dictionaries: [ByteStringPool?]) -> [PieceOutcome] {
      Parallel.map(cuts.count - 1) { k in
        LoadSession.parsePiece(
          buffer,
          from: cuts[k],
          to: cuts[k + 1],
          isFinal: isFinal && k == cuts.count - 2,
          delimiter: delimiter,
          policies: policies,
          numberStyles: numberStyles,
          dictionaries: dictionaries,
          scratch: boxes[k]
        )
      }
    }
    var outcomes = parsePieces(textDictionaries)
    notePieceLookups(outcomes)
    var rows = 0
    var lineBreaks = 0
    var position = start
    var pieces: [(outcome: PieceOutcome, start: Int, firstLine: Int)] = []
    for k in 0..<outcomes.count {
      let step = footerStep(
        &outcomes[k], buffer, from: cuts[k], to: end, isFinal: isFinal, regionStart: start,
        firstLine: lineBreaksBefore + lineBreaks + 1)
      try check(outcomes[k], from: cuts[k], buffer, firstLine: lineBreaksBefore + lineBreaks + 1)
      pieces.append((outcomes[k], cuts[k], lineBreaksBefore + lineBreaks + 1))
      rows += outcomes[k].bounds.rows
      emptyRows += outcomes[k].bounds.emptyRows
      lineBreaks += outcomes[k].bounds.lineBreaks
      position = outcomes[k].bounds.consumed
      if step == .footer { position = end }
      if step != .none { break }
      if k + 1 < outcomes.count && position != cuts[k + 1] {
        // The split guessed wrong (a stray quote): read the rest of the region in one piece.
        var rest = LoadSession.parsePiece(
          buffer,
          from: position,
          to: end,
          isFinal: isFinal,
          delimiter: delimiter,
          policies: policies,
          numberStyles: numberStyles,
          dictionaries: textDictionaries
        )
        let restStep = footerStep(
          &rest, buffer, from: position, to: end, isFinal: isFinal, regionStart: start,
          firstLine: lineBreaksBefore + lineBreaks + 1)
        try check(rest, from: position, buffer, firstLine: lineBreaksBefore + lineBreaks + 1)
        pieces.append((rest, position, lineBreaksBefore + lineBreaks + 1))
        rows += rest.bounds.rows
        emptyRows += rest.bounds.emptyRows
        lineBreaks += rest.bounds.lineBreaks
        position = restStep == .footer ? end : rest.bounds.consumed
        break
      }
    }
    if stream == nil, let sizeHint, accumulators.first?.value.expectedRows == 0, rows > 0, position > start {
      // Reserve every column once, from the first block's bytes per row, so that appending never
      // reallocates (and re-faults) the large arrays.
      // A row of n columns takes at least n bytes (delimiters and line break), which bounds the
      // reservation by the input's size however wide the header is.
      let estimate = min(
        Int(Double(sizeHint) / (Double(position - start) / Double(rows)) * 1.02) + 64,
        sizeHint / max(1, accumulators.count) + 64)
      for box in accumulators { box.value.expectedRows = estimate }
    }
    let failure = mergeAll(pieces, buffer)
    pieces = []
    if let failure { throw failure }
    for k in outcomes.indices { LoadSession.recycle(&outcomes[k], into: boxes[k]) }
    if !isFinal { keepBytes(before: position, in: buffer, from: start) }
    return (rows, lineBreaks, position)
  }

  /// Merges the pieces' columns; columns are independent, so they are merged in parallel, each
  /// in piece order.
  func mergeAll(
    _ pieces: [(outcome: PieceOutcome, start: Int, firstLine: Int)],
    _ buffer: [UInt8]
  ) -> LoadFailure? {
    let session = self
    let failures = Parallel.map(names.count) { c in
      session.mergeColumn(c, pieces: pieces, buffer)
    }
    return failures.compactMap { $0 }.first
  }

  /// Reports a piece's first error, if any.
  func check(
    _ outcome: PieceOutcome,
    from start: Int,
    _ buffer: [UInt8],
    firstLine: Int
  ) throws(LoadFailure) {
    func line(_ offset: Int) -> Int { lineOf(offset, in: buffer, from: start, base: firstLine) }
    var stopOffset = Int.max
    switch outcome.stop {
    case .complete: break
    case .ragged(let offset, _), .unterminatedQuote(let offset): stopOffset = offset
    }
    if let failure = outcome.failure, failure.offset < stopOffset {
      let column = failure.column + 1
      let what = names[failure.column]
      if failure.reason != .mixedCurrency,
        String(decoding: failure.value, as: UTF8.self).trimmingSpaces == what
      {
        // The column's own name in its rows: files joined end to end keep each one's header.
        throw error(
          failure.reason == .nonNumeric ? .nonNumericValue : .unparseableDate,
          line: line(failure.offset),
          column: column,
          "this line repeats the header ('\(what)' holds its own name), as when files are joined end to end",
          hint: "keep the header on the first line only: remove the repeated header lines, then load again",
          value: failure.value
        )
      }
      switch failure.reason {
      case .nonNumeric:
        let role = roles.columns.first { $0.value == what }?.key.rawValue ?? "numeric"
        // A number with the other decimal separator than the one the first rows showed.
        let style = failure.column < numberStyles.count ? numberStyles[failure.column] : .plain
        let other: WrittenNumber.Evidence = style.decimal == .point ? .comma : .point
        let evidence = failure.value.withUnsafeBufferPointer { b in
          b.baseAddress.map { WrittenNumber.evidence($0, b.count) } ?? WrittenNumber.Evidence.none
        }
        let hint: Remark =
          evidence == other
          ? "the column's first rows have a decimal \(style.decimal == .point ? "point" : "comma"), this value a decimal \(style.decimal == .point ? "comma" : "point"); say which with \(setting: .decimal, "\",\"") or \(setting: .decimal, "\".\"")"
          : "fix or remove the value; numbers are written like 12, -3, 2.55, 1,234.50, 261,96 or $12.00"
        throw error(
          .nonNumericValue,
          line: line(failure.offset),
          column: column,
          "'\(what)' (the \(role) column) holds a value that is not a number",
          hint: hint,
          value: failure.value
        )
      case .mixedCurrency:
        throw LoadSession.mixedCurrency(
          self, column: failure.column, line: line(failure.offset), value: failure.value)
      case .unparseableDate:
        let hint: Remark =
          if let (name, why) = failure.value.withUnsafeBufferPointer({ b in
            b.baseAddress.flatMap { WrittenZone.refusedName($0, b.count) }
          }) {
            "\(name) is a time zone seg does not convert to UTC: \(why). Write UTC offsets (-05:00), or read the times as written, in their own zone, with a \(setting: .dateFormat) that ends in \"\(name)\""
          } else if let day = LoadSession.excelSerialExample(failure.value) {
            "\(String(decoding: failure.value, as: UTF8.self)) looks like an Excel serial day number (\(day)); if the column holds those, give \(setting: .dateFormat, "excel")"
          } else if let time = LoadSession.timeOfDayExample(failure.value, column: what) {
            "\(String(decoding: failure.value, as: UTF8.self)) looks like a time of day (\(time)) without a date; name the column that holds the date: \(setting: .role(.date), "COLUMN")"
          } else if LoadSession.isDayNumber(failure.value) {
            "\(String(decoding: failure.value, as: UTF8.self)) looks like a day number, not a date; if the column counts days, give the day before day 1: \(setting: .dateFormat, "\"days since 2019-12-31\"")"
          } else {
            "dates look like 2010-12-01 08:26:00, 12/1/2010 8:26 or 20101201; give \(setting: .dateFormat, "\"%d/%m/%Y %H:%M\"") for other layouts"
          }
        throw error(
          .unparseableDate,
          line: line(failure.offset),
          column: column,
          "'\(what)' (the date column) holds a value that fits no date format",
          hint: hint,
          value: failure.value
        )
      case .mixedDateStyles:
        throw error(
          .unparseableDate,
          line: line(failure.offset),
          column: column,
          "'\(what)' (the date column) mixes date styles (ISO, day/month/year, compact)",
          hint: "write every date the same way, or give \(setting: .dateFormat)",
          value: failure.value
        )
      }
    }
    switch outcome.stop {
    case .complete: break
    case .ragged(let offset, let found):
      throw error(
        .raggedRow,
        line: line(offset),
        column: min(found, names.count) + 1,
        "row has \(found) field\(found == 1 ? "" : "s"), the header has \(names.count)",
        hint: found > names.count
          ? "quote fields that contain the delimiter (\(delimiter)), or give \(setting: .delimiter)"
          : "every row needs a value (possibly empty) for each column"
      )
    case .unterminatedQuote(let offset):
      let column = buffer.withUnsafeBufferPointer { b -> Int in
        // The field index of the quote: count delimiters since the row's start.
        var i = offset
        while i > start && b[i - 1] != 0x0A && b[i - 1] != 0x0D { i -= 1 }
        var n = 1
        var inQuote = false
        while i < offset {
          if b[i] == 0x22 {
            inQuote.toggle()
          } else if !inQuote, case .character(let d) = delimiter, b[i] == d {
            n += 1
          }
          i += 1
        }
        return n
      }
      throw error(
        .unterminatedQuote,
        line: line(offset),
        column: column,
        "a quoted field starts here and is never closed",
        hint: "add the closing quote (\"), or double quotes inside quoted fields (\"\")"
      )
    }
  }

  /// The date an unreadable date value stands for when it looks like an Excel serial day number
  /// (`44201` or `44201.4375`: 1990 to 2099 in the 1900 date system), as ISO text; `nil` for
  /// anything else.
  static func excelSerialExample(_ value: [UInt8]) -> String? {
    guard value.count <= 24, let first = value.first, first &- 48 < 10,
      value.allSatisfy({ $0 &- 48 < 10 || $0 == UInt8(ascii: ".") }),
      let serial = Double(String(decoding: value, as: UTF8.self)),
      (32_874.0..<73_051.0).contains(serial),
      let seconds = ExcelSerial.seconds(serial, date1904: false)
    else { return nil }
    let text = CivilCalendar.isoText(seconds: seconds)
    return text.hasSuffix(" 00:00:00") ? String(text.dropLast(9)) : text
  }

  /// `16:31` when an unreadable date value is a time of day written as `hhmm` (`1631`, `0945`)
  /// in a column whose name says time; `nil` for anything else.
  static func timeOfDayExample(_ value: [UInt8], column: String) -> String? {
    let text = String(decoding: value, as: UTF8.self)
    guard column.lowercased().contains("time") || column.lowercased().contains("zeit"),
      SampledKind.isHHMM(text), let hhmm = Int(text)
    else { return nil }
    let (h, m) = (hhmm / 100, hhmm % 100)
    return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
  }

  /// Whether an unreadable date value is a whole number of at most six digits: a day's number
  /// rather than a date (Excel serials are recognised before this).
  static func isDayNumber(_ value: [UInt8]) -> Bool {
    (1...6).contains(value.count) && value.allSatisfy { $0 &- 48 < 10 }
  }

  /// Appends column `c` of each piece, in order, to its accumulator; returns the failure, if any.
  func mergeColumn(
    _ c: Int,
    pieces: [(outcome: PieceOutcome, start: Int, firstLine: Int)],
    _ buffer: [UInt8]
  ) -> LoadFailure? {
    let accumulator = accumulators[c]
    for (outcome, start, firstLine) in pieces where outcome.bounds.rows > 0 {
      func line(_ offset: Int) -> Int { lineOf(offset, in: buffer, from: start, base: firstLine) }
      /// A date column whose piece is read in another style than the rows before it.
      func dateStyleChange() -> LoadFailure {
        error(
          .unparseableDate,
          line: line(Int(outcome.bounds.starts[c])),
          column: c + 1,
          "'\(names[c])' (the date column) changes date style here",
          hint: "write every date the same way, or give \(setting: .dateFormat)"
        )
      }
      var piece = outcome.columns[c]
      if piece.twoDigitYears { accumulator.value.twoDigitYears = true }
      if accumulator.value.slashExample == nil { accumulator.value.slashExample = piece.slashExample }
      if piece.kind == .slashDate {
        if accumulator.value.monthFirstInvalidLine == nil, let o = piece.monthFirstInvalidOffset {
          accumulator.value.monthFirstInvalidLine = line(o)
        }
        if accumulator.value.dayFirstInvalidLine == nil, let o = piece.dayFirstInvalidOffset {
          accumulator.value.dayFirstInvalidLine = line(o)
        }
      }
      if piece.currency != 0 && accumulator.value.currency != 0
        && piece.currency != accumulator.value.currency && piece.kind != .text
      {
        // Amounts in two currencies cannot be summed.
        guard policies[c] == .number else { return .restart([c]) }
        return LoadSession.mixedCurrency(
          self, column: c, line: line(piece.currencyOffset), value: nil)
      }
      accumulator.value.zoneNames |= piece.zoneNames
      if piece.shiftedOffsets { accumulator.value.shiftedOffsets = true }
      if case .date = policies[c], piece.kind != .empty {
        if accumulator.value.dateReading == nil {
          accumulator.value.dateReading = piece.dateReading
        } else if accumulator.value.dateReading != piece.dateReading {
          return dateStyleChange()
        }
      }
      let kind = accumulator.value.kind
      let target = ColumnAccumulator.join(kind, piece.kind)
      if target == .text && (piece.kind != .text || kind != .text) {
        if case .date = policies[c] {
          return dateStyleChange()
        }
        guard accumulator.value.canBecomeText else { return .restart([c]) }
        accumulator.value.convertToText()
        if piece.kind != .text {
          piece = buffer.withUnsafeBufferPointer { b in
            // A piece with rows comes from a non-empty buffer, which has a base address.
            guard let base = b.baseAddress else { return PieceColumn() }
            return PieceParser(base: base, bounds: outcome.bounds, columnCount: names.count)
              .parseText(c)
          }
        }
      }
      accumulator.value.append(piece)
    }
    return nil
  }

  /// The error for a number column with two currencies.
  static func mixedCurrency(
    _ session: LoadSession, column c: Int, line: Int, value: [UInt8]?
  ) -> LoadFailure {
    session.error(
      .mixedCurrency,
      line: line,
      column: c + 1,
      "'\(session.names[c])' holds amounts in more than one currency, so their sums would mean nothing",
      hint: "convert them to one currency first, or load each currency's rows separately",
      value: value
    )
  }
}
