/// Parses the fields of one piece of the file, column by column, into typed values.
///
/// Each column is read in one tight loop over its fields. A column under ``ColumnPolicy/infer``
/// starts as whatever its first value is and widens as needed: integer → decimal, and anything
/// that stops fitting becomes text (re-read from the raw bytes of the piece, so text is always
/// exactly what the file says).
struct PieceParser {
  /// The start of the block that ``bounds`` are offsets into.
  let base: UnsafePointer<UInt8>
  let bounds: CSVTokenizer.FieldBounds
  let columnCount: Int
  /// Each column's number style (``NumberStyle/plain`` for columns past its end).
  let numberStyles: [NumberStyle]

  init(
    base: UnsafePointer<UInt8>, bounds: CSVTokenizer.FieldBounds, columnCount: Int,
    numberStyles: [NumberStyle] = []
  ) {
    self.base = base
    self.bounds = bounds
    self.columnCount = columnCount
    self.numberStyles = numberStyles
  }

  private func style(_ c: Int) -> NumberStyle {
    c < numberStyles.count ? numberStyles[c] : .plain
  }

  /// Reads a written number (``WrittenNumber``) into `col`'s spelling and currency; `nil` when
  /// it is not one, and `mixed` set when its currency differs from the column's.
  @inline(never)
  private static func written(
    _ p: UnsafePointer<UInt8>, _ n: Int, style: NumberStyle, offset: Int,
    into col: inout PieceColumn, mixed: inout Bool
  ) -> WrittenNumber.Parsed? {
    guard let w = WrittenNumber.parse(p, n, decimal: style.decimal) else { return nil }
    if w.currency != 0 {
      if col.currency == 0 {
        col.currency = w.currency
        col.currencyOffset = offset
      } else if col.currency != w.currency {
        mixed = true
        return nil
      }
    }
    col.spelling.formUnion(w.spelling)
    return w
  }

  /// Calls `body` with the bytes of field `(row, column)`, unescaped when needed.
  @inline(__always)
  private func withField<R>(
    _ row: Int,
    _ column: Int,
    _ scratch: inout [UInt8],
    _ body: (UnsafePointer<UInt8>, Int) -> R
  ) -> R {
    let k = row &* columnCount &+ column
    let s = Int(bounds.starts[k])
    let e = bounds.ends[k]
    if e & CSVTokenizer.escapedFlag == 0 {
      return body(base + s, Int(e) - s)
    }
    CSVTokenizer.unescape(base, from: s, to: Int(e & ~CSVTokenizer.escapedFlag), into: &scratch)
    return scratch.withUnsafeBufferPointer { b in
      body(b.baseAddress ?? base, b.count)
    }
  }

  private func fieldOffset(_ row: Int, _ column: Int) -> Int {
    Int(bounds.starts[row &* columnCount &+ column])
  }

  private func fieldBytes(_ row: Int, _ column: Int) -> [UInt8] {
    var scratch: [UInt8] = []
    return withField(row, column, &scratch) { p, n in Array(UnsafeBufferPointer(start: p, count: n))
    }
  }

  /// Parses column `c` under `policy`.
  ///
  /// `reuse` lends the arrays of an earlier piece's column (emptied, capacity kept), so that
  /// block after block parses into memory that is already mapped.
  ///
  /// `neighbor` is the codes of the column before, when it is text, and `dictionary` the
  /// column's file-wide dictionary so far, when it is text: see
  /// ``parseText(_:reuse:neighbor:dictionary:)``.
  func parseColumn(
    _ c: Int,
    policy: ColumnPolicy,
    reuse: consuming PieceColumn = PieceColumn(),
    neighbor: [UInt32]? = nil,
    dictionary: ByteStringPool? = nil
  ) throws(FieldFailure) -> PieceColumn {
    switch policy {
    case .text: return parseText(c, reuse: reuse, neighbor: neighbor, dictionary: dictionary)
    case .infer: return parseInferred(c, reuse: reuse, neighbor: neighbor, dictionary: dictionary)
    case .number: return try parseNumber(c, reuse: reuse)
    case .date(let format, let epoch):
      return try parseDate(c, format: format, epoch: epoch, reuse: reuse)
    case .identifier: return parseIdentifier(c, reuse: reuse)
    }
  }

  /// Reads every field as text; empty fields are missing.
  ///
  /// A value already in `dictionary` (the column's file-wide dictionary, read only) takes its
  /// code there; a new value gets a code in the piece's own pool, marked with
  /// ``PieceColumn/localCode`` (see ``ColumnAccumulator/append(_:)``). Once a column's values
  /// are mostly known (products, countries), pieces rarely add to the pool, and merging them is a
  /// plain copy. A column of mostly new values (invoice numbers) stops looking them up.
  ///
  /// Runs of equal values (an invoice's lines, a country) reuse the previous code without
  /// hashing, and so do values that go with the value of the text column before (a product's
  /// description after its stock code): the last field seen with the same neighbour code is
  /// compared byte for byte first.
  func parseText(
    _ c: Int,
    reuse: consuming PieceColumn = PieceColumn(),
    neighbor: [UInt32]? = nil,
    dictionary: ByteStringPool? = nil,
    nullsAreMissing: Bool = false
  ) -> PieceColumn {
    var scratch: [UInt8] = []
    var col = reuse.emptied()
    col.kind = .text
    let rows = bounds.rows
    col.rows = rows
    col.codes.reserveCapacity(rows)
    var previousStart = 0
    var previousLength = -1
    var previousCode: UInt32 = 0
    var interner = TextInterner(dictionary: dictionary)
    // Hints, by neighbour code in a direct-mapped cache: the neighbour code, where its last field
    // started, its length and its code here.
    let neighbors = neighbor ?? []
    var hinting = !neighbors.isEmpty
    let hintSlots = hinting ? PieceParser.hintSlots : 0
    var hintKey = [UInt32](repeating: Column.missingCode, count: hintSlots)
    var hintStart = [Int](repeating: 0, count: hintSlots)
    var hintLength = [Int](repeating: -1, count: hintSlots)
    var hintCode = [UInt32](repeating: 0, count: hintSlots)
    // Hints are dropped for a column they rarely help (its neighbour does not determine it).
    var hintTries = 0
    var hintHits = 0
    for r in 0..<rows {
      let k = r &* columnCount &+ c
      let s = Int(bounds.starts[k])
      let e = bounds.ends[k]
      if e & CSVTokenizer.escapedFlag == 0 {
        let n = Int(e) - s
        if n == 0 {
          col.codes.append(Column.missingCode)
          continue
        }
        let p = base + s
        // Ids (the customer column) written as a null are missing, not one customer `NULL`.
        if nullsAreMissing && col.noteNull(p, n) {
          col.codes.append(Column.missingCode)
          continue
        }
        if n == previousLength && ByteStringPool.equal(base + previousStart, p, n) {
          col.codes.append(previousCode)
          continue
        }
        var h = -1
        if hinting {
          let key = neighbors[r]
          if key != Column.missingCode {
            h = Int(key) & (PieceParser.hintSlots - 1)
            if hintKey[h] == key {
              hintTries += 1
              if hintLength[h] == n && ByteStringPool.equal(base + hintStart[h], p, n) {
                hintHits += 1
                let code = hintCode[h]
                col.codes.append(code)
                previousStart = s
                previousLength = n
                previousCode = code
                continue
              }
              if hintTries == 1024 && hintHits * 2 < hintTries { hinting = false }
            }
            hintKey[h] = key
          }
        }
        let code = interner.code(p, n)
        col.codes.append(code)
        if h >= 0 {
          hintStart[h] = s
          hintLength[h] = n
          hintCode[h] = code
        }
        previousStart = s
        previousLength = n
        previousCode = code
      } else {
        let code = withField(r, c, &scratch) { p, n -> UInt32 in
          n == 0 || nullsAreMissing && col.noteNull(p, n)
            ? Column.missingCode : interner.code(p, n)
        }
        col.codes.append(code)
        previousLength = -1
      }
    }
    col.pool = interner.pool
    col.dictionaryMissed = interner.gaveUp
    return col
  }

  /// Entries of ``parseText(_:reuse:neighbor:dictionary:)``'s hint cache.
  static let hintSlots = 4096

  /// Infers the column's type from its values; see the type's discussion.
  func parseInferred(
    _ c: Int,
    reuse: consuming PieceColumn = PieceColumn(),
    neighbor: [UInt32]? = nil,
    dictionary: ByteStringPool? = nil,
    nullsAreMissing: Bool = false
  ) -> PieceColumn {
    var scratch: [UInt8] = []
    var col = reuse.emptied()
    let rows = bounds.rows
    col.rows = rows
    var missing = 0
    let style = self.style(c)
    // A decimal comma column never reads `1.5` as one and a half.
    let pointDecimals = style.decimal == .point
    var mixed = false
    for r in 0..<rows {
      let offset = fieldOffset(r, c)
      let ok = withField(r, c, &scratch) { p, n -> Bool in
        /// The written number, for a column that reads them.
        func written(_ tp: UnsafePointer<UInt8>, _ tn: Int) -> WrittenNumber.Parsed? {
          guard style.written else { return nil }
          return PieceParser.written(tp, tn, style: style, offset: offset, into: &col, mixed: &mixed)
        }
        let (tp, tn) = NumberParsing.trimmed(p, n)
        // A null token is missing in numbers and dates; a column that turns out text keeps it
        // as written (parseText starts from an emptied column).
        if tn == 0 || col.kind != .text && col.noteNull(tp, tn) {
          switch col.kind {
          case .empty: missing += 1
          case .integer, .datetime, .slashDate: col.ints.append(Column.missingInteger)
          case .decimal: col.doubles.append(.nan)
          case .text: break
          }
          return true
        }
        switch col.kind {
        case .integer:
          if let (v, canonical) = NumberParsing.parseInteger(p, n) {
            // `00123` is a code: the column is text, zeros and all.
            if !canonical && NumberParsing.isZeroPadded(p, n) { return false }
            col.ints.append(v)
            if !canonical { col.canonical = false }
            return true
          }
          var d = pointDecimals ? NumberParsing.parseDecimal(tp, tn) : nil
          if d == nil, let w = written(tp, tn) {
            if let v = w.integer {
              col.ints.append(v)
              col.canonical = false
              return true
            }
            d = w.value
          }
          if let d {
            col.kind = .decimal
            col.doubles = col.ints.map { $0 == Column.missingInteger ? .nan : Double($0) }
            col.ints = []
            col.doubles.reserveCapacity(rows)
            col.doubles.append(d)
            return true
          }
          return false
        case .decimal:
          if pointDecimals, let d = NumberParsing.parseDecimal(tp, tn) {
            col.doubles.append(d)
            return true
          }
          if let w = written(tp, tn) {
            col.doubles.append(w.value)
            return true
          }
          return false
        case .datetime:
          if let s = DateParsing.parseISO(tp, tn) ?? DateParsing.parseNamedMonth(tp, tn) {
            col.ints.append(s)
            return true
          }
          return false
        case .slashDate:
          if let d = DateParsing.parseSlash(tp, tn) {
            col.ints.append(d.packed)
            PieceParser.noteSlash(d, &col, offset: offset, text: tp, tn)
            return true
          }
          return false
        case .text:
          return false
        case .empty:
          if let (v, canonical) = NumberParsing.parseInteger(p, n) {
            if !canonical && NumberParsing.isZeroPadded(p, n) { return false }
            col.kind = .integer
            col.ints.reserveCapacity(rows)
            col.ints.append(contentsOf: repeatElement(Column.missingInteger, count: missing))
            col.ints.append(v)
            col.canonical = canonical
          } else if let d = pointDecimals ? NumberParsing.parseDecimal(tp, tn) : nil {
            col.kind = .decimal
            col.doubles.reserveCapacity(rows)
            col.doubles.append(contentsOf: repeatElement(.nan, count: missing))
            col.doubles.append(d)
          } else if let w = written(tp, tn) {
            if let v = w.integer {
              col.kind = .integer
              col.ints.reserveCapacity(rows)
              col.ints.append(contentsOf: repeatElement(Column.missingInteger, count: missing))
              col.ints.append(v)
              col.canonical = false
            } else {
              col.kind = .decimal
              col.doubles.reserveCapacity(rows)
              col.doubles.append(contentsOf: repeatElement(.nan, count: missing))
              col.doubles.append(w.value)
            }
          } else if let s = DateParsing.parseISO(tp, tn) {
            col.kind = .datetime
            col.ints.reserveCapacity(rows)
            col.ints.append(contentsOf: repeatElement(Column.missingInteger, count: missing))
            col.ints.append(s)
          } else if let d = DateParsing.parseSlash(tp, tn) {
            col.kind = .slashDate
            col.ints.reserveCapacity(rows)
            col.ints.append(contentsOf: repeatElement(Column.missingInteger, count: missing))
            col.ints.append(d.packed)
            PieceParser.noteSlash(d, &col, offset: offset, text: tp, tn)
          } else if let s = DateParsing.parseNamedMonth(tp, tn) {
            col.kind = .datetime
            col.ints.reserveCapacity(rows)
            col.ints.append(contentsOf: repeatElement(Column.missingInteger, count: missing))
            col.ints.append(s)
          } else {
            return false
          }
          return true
        }
      }
      if !ok {
        return parseText(
          c, reuse: col, neighbor: neighbor, dictionary: dictionary,
          nullsAreMissing: nullsAreMissing)
      }
    }
    return col
  }

  private static func noteSlash(
    _ d: SlashDate, _ col: inout PieceColumn, offset: Int, text p: UnsafePointer<UInt8>, _ n: Int
  ) {
    if col.slashExample == nil { col.slashExample = Array(UnsafeBufferPointer(start: p, count: n)) }
    if d.twoDigitYear { col.twoDigitYears = true }
    if col.monthFirstInvalidOffset == nil && !d.isValidMonthFirst {
      col.monthFirstInvalidOffset = offset
    }
    if col.dayFirstInvalidOffset == nil && !d.isValidDayFirst { col.dayFirstInvalidOffset = offset }
  }

  /// Reads ids: integers, and decimals with no fraction (`17850.0`) as integers; anything else
  /// falls back to inference.
  func parseIdentifier(_ c: Int, reuse: consuming PieceColumn = PieceColumn()) -> PieceColumn {
    var scratch: [UInt8] = []
    var col = reuse.emptied()
    let rows = bounds.rows
    col.rows = rows
    col.kind = .integer
    col.ints.reserveCapacity(rows)
    for r in 0..<rows {
      // The common spellings (`17850.0`, `17850`) read in place first.
      let k = r &* columnCount &+ c
      let e = bounds.ends[k]
      if e & CSVTokenizer.escapedFlag == 0 {
        let s = Int(bounds.starts[k])
        let n = Int(e) - s
        let p = base + s
        if n >= 3 && p[n - 1] == UInt8(ascii: "0") && p[n - 2] == UInt8(ascii: "."),
          let (v, _) = NumberParsing.plainInteger(p, n - 2)
        {
          col.ints.append(v)
          col.canonical = false
          continue
        }
        if let (v, canonical) = NumberParsing.plainInteger(p, n),
          canonical || !NumberParsing.isZeroPadded(p, n)
        {
          col.ints.append(v)
          if !canonical { col.canonical = false }
          continue
        }
      }
      let ok = withField(r, c, &scratch) { p, n -> Bool in
        let (tp, tn) = NumberParsing.trimmed(p, n)
        if tn == 0 || col.noteNull(tp, tn) {
          col.ints.append(Column.missingInteger)
          return true
        }
        // Ids written with leading zeros are text (inference reads them so).
        if NumberParsing.isZeroPadded(tp, tn) { return false }
        // The common spelling first: digits, then `.0` (a float column of whole numbers).
        if tn >= 3 && tn <= 20 && tp[tn - 1] == UInt8(ascii: "0")
          && tp[tn - 2] == UInt8(ascii: "."),
          let (v, _) = NumberParsing.parseInteger(tp, tn - 2)
        {
          col.ints.append(v)
          col.canonical = false
          return true
        }
        if let (v, canonical) = NumberParsing.parseInteger(tp, tn) {
          col.ints.append(v)
          if !canonical || tn != n { col.canonical = false }
          return true
        }
        if let d = NumberParsing.parseDecimal(tp, tn), d == d.rounded(), abs(d) < 9e15 {
          col.ints.append(Int64(d))
          col.canonical = false
          return true
        }
        return false
      }
      if !ok { return parseInferred(c, reuse: col, nullsAreMissing: true) }
    }
    if col.ints.allSatisfy({ $0 == Column.missingInteger }) {
      col.kind = .empty
      col.ints = []
    }
    return col
  }

  /// Reads a numeric role column: integers while they last, then decimals.
  func parseNumber(_ c: Int, reuse: consuming PieceColumn = PieceColumn()) throws(FieldFailure)
    -> PieceColumn
  {
    var scratch: [UInt8] = []
    var col = reuse.emptied()
    let rows = bounds.rows
    col.rows = rows
    var missing = 0
    let style = self.style(c)
    // A decimal comma column never reads `1.5` as one and a half.
    let pointDecimals = style.decimal == .point
    var mixed = false
    for r in 0..<rows {
      // The common spellings read in place first, once the piece's kind is known.
      let k = r &* columnCount &+ c
      let e = bounds.ends[k]
      if e & CSVTokenizer.escapedFlag == 0 {
        let p = base + Int(bounds.starts[k])
        let n = Int(e) - Int(bounds.starts[k])
        if pointDecimals && col.kind == .decimal, let d = NumberParsing.plainDecimal(p, n) {
          col.doubles.append(d)
          continue
        }
        if col.kind == .integer, let (v, canonical) = NumberParsing.plainInteger(p, n) {
          col.ints.append(v)
          if !canonical { col.canonical = false }
          continue
        }
      }
      let ok = withField(r, c, &scratch) { p, n -> Bool in
        let (tp, tn) = NumberParsing.trimmed(p, n)
        if tn == 0 || col.noteNull(tp, tn) {
          switch col.kind {
          case .empty: missing += 1
          case .decimal: col.doubles.append(.nan)
          default: col.ints.append(Column.missingInteger)
          }
          return true
        }
        var integer = NumberParsing.parseInteger(tp, tn)
        var d: Double? = nil
        if integer == nil {
          d = pointDecimals ? NumberParsing.parseDecimal(tp, tn) : nil
          if d == nil {
            guard
              let w = PieceParser.written(
                tp, tn, style: style, offset: fieldOffset(r, c), into: &col, mixed: &mixed)
            else { return false }
            if let v = w.integer { integer = (v, false) } else { d = w.value }
          }
        }
        if col.kind != .decimal, let (v, canonical) = integer {
          if col.kind == .empty {
            col.kind = .integer
            col.ints.reserveCapacity(rows)
            col.ints.append(contentsOf: repeatElement(Column.missingInteger, count: missing))
          }
          col.ints.append(v)
          if !canonical || tn != n { col.canonical = false }
          return true
        }
        guard let d = d ?? integer.map({ Double($0.value) }) else { return false }
        if col.kind != .decimal {
          col.doubles.reserveCapacity(rows)
          col.doubles = col.ints.map { $0 == Column.missingInteger ? .nan : Double($0) }
          if col.kind == .empty {
            col.doubles.append(contentsOf: repeatElement(.nan, count: missing))
          }
          col.ints = []
          col.kind = .decimal
        }
        col.doubles.append(d)
        return true
      }
      if !ok {
        throw FieldFailure(
          reason: mixed ? .mixedCurrency : .nonNumeric,
          offset: fieldOffset(r, c),
          column: c,
          value: fieldBytes(r, c)
        )
      }
    }
    return col
  }

  /// Reads the date column: with the given format, or ISO (naive or with UTC offsets), year-last,
  /// month-name, compact or (when `epoch`) Unix epoch dates, one style per column.
  func parseDate(
    _ c: Int, format: DateFormat?, epoch: Bool = false, reuse: consuming PieceColumn = PieceColumn()
  )
    throws(FieldFailure)
    -> PieceColumn
  {
    var scratch: [UInt8] = []
    var col = reuse.emptied()
    let rows = bounds.rows
    col.rows = rows
    col.ints.reserveCapacity(rows)
    enum Style: Equatable {
      case unknown, iso, isoOffset, slash, compact, named, format
      case epoch(DateParsing.EpochUnit)
    }
    var style: Style = format == nil ? .unknown : .format
    var missing = 0
    var lastPrefix: (UInt64, UInt16) = (0, 0)
    var lastPrefixDays: Int64 = .min
    // The previous row's date text and value: an invoice's lines share their date-time.
    var previousStart = 0
    var previousLength = -1
    var previousValue: Int64 = 0
    // Whether the column's date-times carry zones (`… EST`, `… +0100`): all or none of them,
    // UTC designators agreeing with both (``noteZone(_:zoned:names:)``).
    var zoned: Bool? = nil
    for r in 0..<rows {
      if style == .iso || style == .compact {
        let k = r &* columnCount &+ c
        let e = bounds.ends[k]
        if e & CSVTokenizer.escapedFlag == 0 {
          let s = Int(bounds.starts[k])
          let n = Int(e) - s
          if n == previousLength && ByteStringPool.equal(base + previousStart, base + s, n) {
            col.ints.append(previousValue)
            continue
          }
          previousStart = s
          previousLength = n
        } else {
          previousLength = -1
        }
      }
      let offset = fieldOffset(r, c)
      let failure = withField(r, c, &scratch) { p, n -> FieldFailure.Reason? in
        let (tp, tn) = NumberParsing.trimmed(p, n)
        if tn == 0 || col.noteNull(tp, tn) {
          if style == .unknown { missing += 1 } else { col.ints.append(Column.missingInteger) }
          return nil
        }
        if style == .unknown {
          if DateParsing.parseISOOffset(tp, tn) != nil {
            style = .isoOffset
            col.kind = .datetime
            col.dateReading = .utcOffsets
          } else if DateParsing.parseISO(tp, tn) != nil {
            style = .iso
            col.kind = .datetime
          } else if DateParsing.parseSlash(tp, tn, zones: true) != nil {
            style = .slash
            col.kind = .slashDate
          } else if DateParsing.parseCompact(tp, tn) != nil {
            style = .compact
            col.kind = .datetime
          } else if DateParsing.parseNamedMonthWithYear(tp, tn, zones: true) != nil {
            style = .named
            col.kind = .datetime
          } else if epoch, let (_, unit) = DateParsing.parseEpoch(tp, tn) {
            style = .epoch(unit)
            col.kind = .datetime
            col.dateReading = .epoch(unit)
          } else {
            return .unparseableDate
          }
          col.ints.append(contentsOf: repeatElement(Column.missingInteger, count: missing))
        }
        switch style {
        case .iso:
          // Fast path for `YYYY-MM-DD HH:MM:SS`: the day number of the last date is cached.
          if tn == 19, tp[4] == UInt8(ascii: "-"), tp[10] == 0x20 {
            let raw = UnsafeRawPointer(tp)
            let prefix = (
              raw.loadUnaligned(as: UInt64.self),
              raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            )
            if prefix == lastPrefix && lastPrefixDays != .min,
              let h = PieceParser.twoDigits(tp, 11), let m = PieceParser.twoDigits(tp, 14),
              let s = PieceParser.twoDigits(tp, 17),
              tp[13] == UInt8(ascii: ":"), tp[16] == UInt8(ascii: ":"), h < 24, m < 60, s < 61
            {
              col.ints.append(lastPrefixDays &* 86_400 &+ Int64(h * 3600 + m * 60 + s))
              return nil
            }
            if let v = DateParsing.parseISO(tp, tn) {
              col.ints.append(v)
              lastPrefix = prefix
              lastPrefixDays = CivilCalendar.day(ofSeconds: v)
              return nil
            }
          }
          // A `Z` (UTC) next to naive date-times would mix two readings.
          if tp[tn - 1] != UInt8(ascii: "Z"), let v = DateParsing.parseISO(tp, tn) {
            col.ints.append(v)
            return nil
          }
          return PieceParser.dateFailure(tp, tn)
        case .slash:
          if let d = DateParsing.parseSlash(tp, tn, zones: true) {
            guard PieceParser.noteZone(d.zone, zoned: &zoned, names: &col.zoneNames) else {
              return .mixedDateStyles
            }
            col.ints.append(d.packed)
            PieceParser.noteSlash(d, &col, offset: offset, text: tp, tn)
            return nil
          }
          return PieceParser.dateFailure(tp, tn)
        case .named:
          if let (v, twoDigitYear, zone) = DateParsing.parseNamedMonthWithYear(tp, tn, zones: true) {
            guard PieceParser.noteZone(zone, zoned: &zoned, names: &col.zoneNames) else {
              return .mixedDateStyles
            }
            col.ints.append(v)
            if twoDigitYear { col.twoDigitYears = true }
            return nil
          }
          return PieceParser.dateFailure(tp, tn)
        case .isoOffset:
          if let (v, zone, shift) = DateParsing.parseISOZoned(tp, tn) {
            if let zone { col.zoneNames |= 1 << UInt64(zone) }
            if shift != 0 { col.shiftedOffsets = true }
            col.ints.append(v)
            return nil
          }
          return PieceParser.dateFailure(tp, tn)
        case .compact:
          if let v = DateParsing.parseCompact(tp, tn) {
            col.ints.append(v)
            return nil
          }
          return PieceParser.dateFailure(tp, tn)
        case .epoch(let columnUnit):
          if let (v, unit) = DateParsing.parseEpoch(tp, tn), unit == columnUnit {
            col.ints.append(v)
            return nil
          }
          return DateParsing.parseEpoch(tp, tn) != nil
            ? .mixedDateStyles : PieceParser.dateFailure(tp, tn)
        case .format:
          if let format, let v = format.parse(tp, tn) {
            col.ints.append(v)
            col.kind = .datetime
            return nil
          }
          return .unparseableDate
        case .unknown:
          return .unparseableDate
        }
      }
      if let failure {
        throw FieldFailure(
          reason: failure,
          offset: fieldOffset(r, c),
          column: c,
          value: fieldBytes(r, c)
        )
      }
      if previousLength >= 0, let v = col.ints.last { previousValue = v }
    }
    if style == .format && col.kind == .empty && !col.ints.isEmpty { col.kind = .datetime }
    if style == .format, let format {
      col.dateReading =
        if format.isExcelSerial {
          .excelSerial
        } else if let origin = format.dayNumberOrigin {
          .dayNumbers(
            since: CivilCalendar.isoText(
              seconds: origin * CivilCalendar.secondsPerDay, includeTime: false))
        } else {
          format.hasOffset ? .utcOffsets : .plain
        }
    }
    if style == .unknown { col.ints = [] }
    if zoned == true && (style == .slash || style == .named) { col.dateReading = .zoned }
    return col
  }

  /// Notes a value's zone: false when the column mixes zoned and local times. A static function,
  /// not a local one: a local function that captured the column made every access to it in the
  /// row loop a dynamic exclusivity check (5 % of a 10M-row load).
  private static func noteZone(_ zone: ZoneRead?, zoned: inout Bool?, names: inout UInt64) -> Bool {
    if zone?.isDesignator == true { return true }
    let z = zone != nil
    if zoned == nil { zoned = z } else if zoned != z { return false }
    if let a = zone?.abbreviation { names |= 1 << UInt64(a) }
    return true
  }

  /// Why a date did not fit the column's style: another style, or none at all.
  private static func dateFailure(_ p: UnsafePointer<UInt8>, _ n: Int) -> FieldFailure.Reason {
    DateParsing.parseISO(p, n) != nil || DateParsing.parseSlash(p, n, zones: true) != nil
      || DateParsing.parseCompact(p, n) != nil || DateParsing.parseISOOffset(p, n) != nil
      || DateParsing.parseNamedMonthWithYear(p, n, zones: true) != nil
      ? .mixedDateStyles : .unparseableDate
  }

  @inline(__always)
  private static func twoDigits(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int? {
    let a = p[i] &- 48
    let b = p[i + 1] &- 48
    guard a < 10, b < 10 else { return nil }
    return Int(a) * 10 + Int(b)
  }
}

/// Text codes for one piece's column: the file-wide dictionary's, or marked codes into a pool of
/// the piece's own for values new to the file.
private struct TextInterner {
  let dictionary: ByteStringPool?
  var pool = ByteStringPool(capacity: 64)
  /// The dictionary is consulted while it finds most values.
  var lookUp: Bool
  var lookups = 0
  var found = 0
  /// Whether the dictionary found too few values to be worth asking.
  var gaveUp: Bool { lookups >= 1024 && !lookUp }

  init(dictionary: ByteStringPool?) {
    self.dictionary = dictionary
    lookUp = (dictionary?.count ?? 0) > 0
  }

  @inline(__always)
  mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
    if lookUp, let dictionary {
      lookups += 1
      if let g = dictionary.find(p, n) {
        found += 1
        return g
      }
      if lookups == 1024 && found * 4 < lookups { lookUp = false }
    }
    return pool.intern(p, n) | PieceColumn.localCode
  }
}
