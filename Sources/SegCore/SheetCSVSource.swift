/// Reads one sheet of a workbook as CSV text, streaming: the sheet's XML is inflated and scanned
/// a buffer at a time and each row is written as one CSV line, so the loader types it, finds its
/// roles and reports it exactly as it would a CSV file holding the same values.
///
/// - Line numbers are the sheet's row numbers: rows the sheet skips become blank lines (which
///   the CSV reader skips), so an error on line 7, field 3 is cell `C7`.
/// - Every row has as many fields as the header row has up to its last non-empty cell (with
///   `header=false`, as the sheet's dimension or its first row); cells the row leaves out are
///   empty fields. A value to the right of that is a ragged row, as in CSV. Rows of one cell
///   above the header (a report's title) are written as they are, for the loader to skip.
/// - Shared strings, inline strings (`<is>`, rich-text runs joined), formula strings and error
///   values are text; booleans `TRUE`/`FALSE`; numbers as written in the XML (which reads back
///   to the same double); numbers in a date-styled cell (``Workbook/dateStyles()``) become
///   `YYYY-MM-DD HH:MM:SS`, or `HH:MM:SS` below one day, in the workbook's date system.
final class SheetCSVSource: ByteSource {
  private let scanner: XMLScanner
  private let strings: SharedStrings
  private let dateStyles: [Bool]
  private let date1904: Bool
  private let sheetName: String
  private let headerless: Bool
  /// Whether the header row is written as a blank line (a later sheet of a log that spans
  /// sheets: the first sheet's header names the columns).
  private let dropsHeader: Bool
  /// Fields per row, once known.
  private var width: Int? = nil
  /// The dimension's column count (`<dimension ref="A1:H541910"/>`), when given.
  private var dimensionWidth: Int? = nil
  private var out: [UInt8] = []
  private var outPosition = 0
  private var done = false
  /// The last row number written (the CSV line count so far).
  private var lastRow = 0
  private var value: [UInt8] = []
  var sizeHint: Int? { nil }

  /// What every sheet of a workbook reads: the shared strings and which styles are dates.
  struct Shared {
    let strings: SharedStrings
    let dateStyles: [Bool]

    init(_ workbook: Workbook) throws(LoadError) {
      strings = try workbook.sharedStrings()
      dateStyles = try workbook.dateStyles()
    }
  }

  /// A reader of `sheet`; `shared` saves reading the workbook's shared parts again when several
  /// sheets are read.
  init(
    workbook: Workbook, sheet: Workbook.Sheet, headerless: Bool, dropsHeader: Bool = false,
    shared: Shared? = nil
  ) throws(LoadError) {
    guard let entry = workbook.archive.entry(sheet.part) else {
      throw ZipArchive.corrupt(workbook.file, "the sheet '\(sheet.name)' has no part \(sheet.part)")
    }
    scanner = XMLScanner(
      source: try workbook.archive.open(entry), file: workbook.file, part: entry.name)
    let parts: Shared
    if let shared { parts = shared } else { parts = try Shared(workbook) }
    strings = parts.strings
    dateStyles = parts.dateStyles
    date1904 = workbook.date1904
    sheetName = sheet.name
    self.headerless = headerless
    self.dropsHeader = dropsHeader && !headerless
    out.reserveCapacity(1 << 20)
  }

  /// The sheet's first row of several cells as written (its header), or `nil` when it has
  /// none in its first 4,096 rows; reads no further than that row.
  static func header(workbook: Workbook, sheet: Workbook.Sheet, shared: Shared)
    throws(LoadError) -> [UInt8]?
  {
    let source = try SheetCSVSource(
      workbook: workbook, sheet: sheet, headerless: false, shared: shared)
    while !source.done || source.outPosition < source.out.count {
      if source.outPosition < source.out.count {
        let line = source.out[source.outPosition...].prefix { $0 != 0x0A }
        source.outPosition += line.count + 1
        if line.contains(0x2C) { return Array(line) }
        continue
      }
      guard source.lastRow < 4_096 else { return nil }
      source.out.removeAll(keepingCapacity: true)
      source.outPosition = 0
      try source.nextRow()
    }
    return nil
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    guard let to = buffer.baseAddress else { return 0 }
    while out.count - outPosition < buffer.count && !done {
      if outPosition > 0 && outPosition >= out.count / 2 {
        out.removeSubrange(0..<outPosition)
        outPosition = 0
      }
      try nextRow()
    }
    let n = min(buffer.count, out.count - outPosition)
    if n > 0 {
      out.withUnsafeBytes { src in
        guard let from = src.baseAddress else { return }
        to.copyMemory(from: from + outPosition, byteCount: n)
      }
      outPosition += n
    }
    return n
  }

  /// `Sheet1!C7`, for errors.
  func cellName(row: Int, column: Int) -> String {
    "\(sheetName)!\(SheetCSVSource.columnLetters(column))\(row)"
  }

  static func columnLetters(_ column: Int) -> String {
    var n = column + 1
    var letters: [Character] = []
    while n > 0 {
      let r = (n - 1) % 26
      letters.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
      n = (n - 1) / 26
    }
    return String(letters)
  }

  /// Reads events up to the end of the next row (or the sheet) and writes its CSV line.
  private func nextRow() throws(LoadError) {
    while true {
      switch try scanner.next() {
      case .endOfDocument:
        done = true
        return
      case .start:
        if scanner.isNamed("row") {
          try readRow()
          return
        }
        if scanner.isNamed("dimension"), let ref = scanner.attributeText("ref"),
          let colon = ref.firstIndex(of: ":"),
          let last = SheetCSVSource.parseReference(Array(ref[ref.index(after: colon)...].utf8))
        {
          dimensionWidth = last.column + 1
        }
      case .end:
        if scanner.isNamed("sheetData") {
          done = true
          return
        }
      case .text:
        continue
      }
    }
  }

  /// Parses `C7` (or just `C`) into a 0-based column and a 1-based row (0 when absent).
  static func parseReference<C: RandomAccessCollection>(_ bytes: C) -> (column: Int, row: Int)?
  where C.Element == UInt8, C.Index == Int {
    var i = 0
    var column = 0
    while i < bytes.count, (bytes[i] | 0x20) >= 0x61, (bytes[i] | 0x20) <= 0x7A {
      column = column * 26 + Int((bytes[i] | 0x20) - 0x60)
      i += 1
      guard column <= LoadOptions.maximumColumns else { return nil }
    }
    guard i > 0 else { return nil }
    var row = 0
    while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
      row = row * 10 + Int(bytes[i] - 0x30)
      i += 1
      guard row <= 1 << 24 else { return nil }
    }
    guard i == bytes.count else { return nil }
    return (column - 1, row)
  }

  private func malformed(_ what: String, row: Int, column: Int? = nil) -> LoadError {
    var e = scanner.malformed(what)
    e.message += column.map { " at \(cellName(row: row, column: $0))" } ?? " in row \(row) of '\(sheetName)'"
    return e
  }

  /// The kinds of cell `t=` gives.
  private enum CellType { case number, shared, inline, text, boolean, isoDate }

  /// Reads `t=` without making a string (it is on most cells).
  private static func cellType(_ b: UnsafeBufferPointer<UInt8>) -> CellType {
    switch (b.count, b.first) {
    case (1, UInt8(ascii: "s")): .shared
    case (1, UInt8(ascii: "e")), (3, UInt8(ascii: "s")): .text
    case (1, UInt8(ascii: "b")): .boolean
    case (1, UInt8(ascii: "d")): .isoDate
    case (9, UInt8(ascii: "i")): .inline
    default: .number
    }
  }

  private func readRow() throws(LoadError) {
    let row = scanner.integerAttribute("r") ?? lastRow + 1
    guard row > lastRow, row <= 1 << 24 else {
      throw malformed("rows out of order", row: row)
    }
    // Skipped rows become blank lines, so that line numbers stay row numbers.
    out.append(contentsOf: repeatElement(0x0A, count: row - lastRow - 1))
    lastRow = row
    let lineStart = out.count
    var field = 0
    var wroteValue = false
    /// Cells with a value written in this row.
    var cells = 0
    var nextColumn = 0
    // The current cell.
    var column = 0
    var type = CellType.number
    var style = 0
    var inCell = false
    var inValue = false
    var inInline = false
    var inInlineText = false
    var phonetic = 0
    var hasValue = false
    while true {
      let event = try scanner.next()
      switch event {
      case .endOfDocument:
        throw malformed("the sheet ends inside a row", row: row)
      case .start:
        if scanner.isNamed("c") {
          if let r = scanner.attribute("r") {
            guard let ref = scanner.withBytes(r, { SheetCSVSource.parseReference($0) }),
              ref.row == 0 || ref.row == row
            else {
              let text = scanner.withBytes(r) { String(decoding: $0, as: UTF8.self) }
              throw malformed("a cell reference '\(text)' that is not in this row", row: row)
            }
            column = ref.column
          } else {
            column = nextColumn
          }
          guard column >= nextColumn else {
            throw malformed("cells out of order", row: row, column: column)
          }
          nextColumn = column + 1
          style = scanner.integerAttribute("s") ?? 0
          type = .number
          if let t = scanner.attribute("t") {
            type = scanner.withBytes(t) { SheetCSVSource.cellType($0) }
          }
          inCell = true
          hasValue = false
          value.removeAll(keepingCapacity: true)
        } else if inCell && scanner.isNamed("v") {
          inValue = true
        } else if inCell && scanner.isNamed("is") {
          inInline = true
        } else if inInline && scanner.isNamed("t") {
          inInlineText = phonetic == 0
          hasValue = true
        } else if inInline && scanner.isNamed("rPh") {
          phonetic += 1
        }
      case .end:
        if scanner.isNamed("row") {
          if wroteValue, let width {
            if field < width - 1 { out.append(contentsOf: repeatElement(0x2C, count: width - 1 - field)) }
          } else if wroteValue && cells == 1 && !headerless {
            // A row of one cell above the first row of several (a report's title, `Sales by
            // Customer Detail`) is written as it is: the loader skips it as a title.
          } else if wroteValue {
            // The first row: it sets the width (the header, or the dimension when headerless).
            width = headerless ? max(dimensionWidth ?? 0, field + 1) : field + 1
            if dropsHeader {
              out.removeSubrange(lineStart...)
            } else if let width, field < width - 1 {
              out.append(contentsOf: repeatElement(0x2C, count: width - 1 - field))
            }
          } else {
            out.removeSubrange(lineStart...)
          }
          out.append(0x0A)
          return
        }
        if scanner.isNamed("c") && inCell {
          inCell = false
          if hasValue || type == .inline {
            let start = out.count
            // Separators up to this cell's field (columns only increase, so column >= field).
            out.append(contentsOf: repeatElement(0x2C, count: column - field))
            field = column
            let separators = out.count
            try writeValue(type: type, style: style, row: row, column: column)
            if out.count == separators && !hasValue { out.removeSubrange(start...) } else {
              wroteValue = true
              cells += 1
            }
          }
        } else if scanner.isNamed("v") {
          inValue = false
        } else if scanner.isNamed("is") {
          inInline = false
        } else if scanner.isNamed("t") {
          inInlineText = false
        } else if scanner.isNamed("rPh") {
          phonetic = max(0, phonetic - 1)
        }
      case .text:
        if inValue || inInlineText {
          scanner.appendDecoded(scanner.text, to: &value)
          hasValue = true
        }
      }
    }
  }

  /// Writes the current cell's ``value`` as a CSV field.
  private func writeValue(type: CellType, style: Int, row: Int, column: Int) throws(LoadError) {
    switch type {
    case .shared:
      var k = 0
      for b in value {
        let d = b &- 48
        guard d < 10, k < 1 << 40 else {
          throw malformed("a shared string index that is not a number", row: row, column: column)
        }
        k = k * 10 + Int(d)
      }
      guard !value.isEmpty, k < strings.count else {
        throw malformed("a shared string index past the \(strings.count) strings", row: row, column: column)
      }
      let r = strings.range(k)
      strings.bytes.withUnsafeBufferPointer { b in
        writeText(UnsafeBufferPointer(rebasing: b[r]))
      }
    case .inline, .text, .isoDate:
      value.withUnsafeBufferPointer { writeText($0) }
    case .boolean:
      out.append(contentsOf: value == [0x31] ? Array("TRUE".utf8) : Array("FALSE".utf8))
    case .number:
      if style < dateStyles.count && dateStyles[style],
        let serial = value.withUnsafeBufferPointer({ b in
          b.baseAddress.flatMap { NumberParsing.parseDecimal($0, b.count) }
        }),
        let seconds = ExcelSerial.seconds(serial, date1904: date1904)
      {
        let text = CivilCalendar.isoText(seconds: seconds)
        out.append(contentsOf: (ExcelSerial.isTimeOnly(serial) ? text.suffix(8) : Substring(text)).utf8)
      } else {
        value.withUnsafeBufferPointer { writeText($0) }
      }
    }
  }

  /// Appends text as a CSV field, quoted when it holds a comma, a quote or a line break.
  private func writeText(_ b: UnsafeBufferPointer<UInt8>) {
    var needsQuotes = false
    for c in b where c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D {
      needsQuotes = true
      break
    }
    guard needsQuotes else {
      out.append(contentsOf: b)
      return
    }
    out.append(0x22)
    for c in b {
      if c == 0x22 { out.append(0x22) }
      out.append(c)
    }
    out.append(0x22)
  }
}

/// Several sheets of one workbook as one CSV text: the first sheet whole, then each later sheet
/// with its header row as a blank line (the sheets have the same header). ``starts`` records
/// the line each sheet starts on, so that an error's line names its sheet's cell.
final class SheetsCSVSource: ByteSource {
  private let workbook: Workbook
  private let sheets: [Workbook.Sheet]
  private let shared: SheetCSVSource.Shared
  /// The sheet being read (opened when the one before it ends).
  private var source: SheetCSVSource
  private var current = 0
  /// Lines written by the sheets before the current one.
  private var linesBefore = 0
  /// The first line (0-based count of lines before it) of each sheet started so far.
  private(set) var starts: [(line: Int, sheet: String)] = []
  var sizeHint: Int? { nil }

  /// Reads `sheets` (at least one) one after the other.
  init(workbook: Workbook, sheets: [Workbook.Sheet], shared: SheetCSVSource.Shared)
    throws(LoadError)
  {
    self.workbook = workbook
    self.sheets = sheets
    self.shared = shared
    source = try SheetCSVSource(
      workbook: workbook, sheet: sheets[0], headerless: false, shared: shared)
    starts = [(0, sheets[0].name)]
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    while true {
      let n = try source.read(into: buffer)
      if n > 0 {
        linesBefore += buffer.prefix(n).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return n
      }
      guard current + 1 < sheets.count else { return 0 }
      current += 1
      source = try SheetCSVSource(
        workbook: workbook, sheet: sheets[current], headerless: false, dropsHeader: true,
        shared: shared)
      starts.append((linesBefore, sheets[current].name))
    }
  }

  /// The sheet and row of a line of the joined text.
  func cell(line: Int) -> (sheet: String, row: Int) {
    let start = starts.last { $0.line < line } ?? starts[0]
    return (start.sheet, line - start.line)
  }
}
