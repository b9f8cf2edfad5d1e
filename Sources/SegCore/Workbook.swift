/// An Excel workbook (`.xlsx`, Office Open XML SpreadsheetML): its sheets, shared strings, date
/// styles and date system, read from the ZIP archive's small parts. Sheets are read by
/// ``SheetCSVSource`` as a stream.
struct Workbook {
  struct Sheet: Sendable, Equatable {
    var name: String
    /// The sheet's part in the archive (`xl/worksheets/sheet1.xml`).
    var part: String
  }

  let archive: ZipArchive
  let sheets: [Sheet]
  /// Whether serial dates count from 1904-01-01 (`<workbookPr date1904="1"/>`).
  let date1904: Bool
  /// The parts of the shared strings and the styles, when the workbook has them.
  let sharedStringsPart: String?
  let stylesPart: String?

  var file: String { archive.file }

  /// Whether the archive has what an Excel workbook has (package relationships or the usual
  /// main part), as opposed to files zipped together.
  static func mayBeWorkbook(_ archive: ZipArchive) -> Bool {
    archive.entry("_rels/.rels") != nil || archive.entry("xl/workbook.xml") != nil
      || archive.entry("[Content_Types].xml") != nil
  }

  init(archive: ZipArchive) throws(LoadError) {
    self.archive = archive
    let file = archive.file
    // The main part: named by the package relationships, else the usual name.
    var workbookPart = "xl/workbook.xml"
    if let rels = archive.entry("_rels/.rels") {
      for r in try Workbook.relationships(archive, rels, base: "")
      where r.type.hasSuffix("/officeDocument") {
        workbookPart = r.target
      }
    }
    guard let workbookEntry = archive.entry(workbookPart) else {
      throw LoadError(
        code: .invalidWorkbook, file: file,
        message: "'\(file)' is a ZIP archive but not an Excel workbook (it has no \(workbookPart))",
        hint: "load an .xlsx workbook or a CSV file; .xls (Excel 97–2003) must be saved as .xlsx or CSV first")
    }
    let base = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
    var targets: [String: String] = [:]
    var shared: String? = nil
    var styles: String? = nil
    let relsPart = (base.isEmpty ? "" : base + "/") + "_rels/"
      + (workbookPart.split(separator: "/").last.map(String.init) ?? "workbook.xml") + ".rels"
    if let rels = archive.entry(relsPart) {
      for r in try Workbook.relationships(archive, rels, base: base) {
        targets[r.id] = r.target
        if r.type.hasSuffix("/sharedStrings") { shared = r.target }
        if r.type.hasSuffix("/styles") { styles = r.target }
      }
    }
    func part(_ name: String) -> String? {
      let path = (base.isEmpty ? "" : base + "/") + name
      return archive.entry(path) != nil ? path : nil
    }
    sharedStringsPart = shared ?? part("sharedStrings.xml")
    stylesPart = styles ?? part("styles.xml")

    let scanner = XMLScanner(
      source: try archive.open(workbookEntry), file: file, part: workbookEntry.name)
    var sheets: [Sheet] = []
    var date1904 = false
    while true {
      let event = try scanner.next()
      if event == .endOfDocument { break }
      guard event == .start else { continue }
      if scanner.isNamed("workbookPr") {
        let v = scanner.attributeText("date1904")?.lowercased()
        date1904 = v == "1" || v == "true"
      } else if scanner.isNamed("sheet") {
        let name = scanner.attributeText("name") ?? "Sheet\(sheets.count + 1)"
        let id = scanner.attributeText("id") ?? ""
        let part =
          targets[id] ?? (base.isEmpty ? "" : base + "/") + "worksheets/sheet\(sheets.count + 1).xml"
        sheets.append(Sheet(name: name, part: part))
      }
    }
    guard !sheets.isEmpty else {
      throw LoadError(
        code: .invalidWorkbook, file: file, message: "'\(file)' is a workbook without sheets",
        hint: "check that the workbook was saved completely")
    }
    self.sheets = sheets
    self.date1904 = date1904
  }

  struct Relationship {
    var id: String
    var type: String
    var target: String
  }

  /// The relationships of a `.rels` part, targets resolved against `base`.
  static func relationships(_ archive: ZipArchive, _ entry: ZipArchive.Entry, base: String)
    throws(LoadError) -> [Relationship]
  {
    let scanner = XMLScanner(source: try archive.open(entry), file: archive.file, part: entry.name)
    var out: [Relationship] = []
    while true {
      let event = try scanner.next()
      if event == .endOfDocument { break }
      guard event == .start, scanner.isNamed("Relationship") else { continue }
      guard let target = scanner.attributeText("Target"), scanner.attributeText("TargetMode") == nil
      else { continue }
      out.append(
        Relationship(
          id: scanner.attributeText("Id") ?? "", type: scanner.attributeText("Type") ?? "",
          target: resolve(target, base: base)))
    }
    return out
  }

  /// A relationship target as a part name: absolute (`/xl/...`) or relative to `base`, with
  /// `..` segments applied.
  static func resolve(_ target: String, base: String) -> String {
    var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
    for segment in target.split(separator: "/") {
      if segment == ".." {
        if !parts.isEmpty { parts.removeLast() }
      } else if segment != "." {
        parts.append(segment)
      }
    }
    return parts.joined(separator: "/")
  }

  /// The sheet named `name` (exactly, else ignoring case), or the first sheet for `nil`.
  func sheet(named name: String?) throws(LoadError) -> Sheet {
    guard let name else { return sheets[0] }
    if let s = sheets.first(where: { $0.name == name })
      ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() })
    {
      return s
    }
    let names = sheets.map(\.name)
    let near = NameSuggestions.nearest(to: name, among: names, limit: 1)
    let listed = names.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
      + (names.count > 20 ? ", …" : "")
    throw LoadError(
      code: .missingSheet, file: file,
      message: "'\(file)' has no sheet '\(name)'; its sheets are \(listed)",
      hint: near.first.map { "did you mean \(setting: .sheet, "\"\($0)\"")?" }
        ?? "give one of the listed names with \(setting: .sheet)")
  }

  /// The shared strings, concatenated (rich-text runs joined; phonetic runs left out).
  func sharedStrings() throws(LoadError) -> SharedStrings {
    var strings = SharedStrings()
    guard let partName = sharedStringsPart, let entry = archive.entry(partName) else {
      return strings
    }
    let scanner = XMLScanner(source: try archive.open(entry), file: file, part: entry.name)
    var inItem = false
    var inText = false
    var phonetic = 0
    var current: [UInt8] = []
    while true {
      switch try scanner.next() {
      case .endOfDocument:
        return strings
      case .start:
        if scanner.isNamed("si") {
          inItem = true
          current.removeAll(keepingCapacity: true)
        } else if scanner.isNamed("t") {
          inText = inItem && phonetic == 0
        } else if scanner.isNamed("rPh") {
          phonetic += 1
        }
      case .end:
        if scanner.isNamed("si") {
          strings.append(current)
          inItem = false
        } else if scanner.isNamed("t") {
          inText = false
        } else if scanner.isNamed("rPh") {
          phonetic = max(0, phonetic - 1)
        }
      case .text:
        if inText { scanner.appendDecoded(scanner.text, to: &current) }
      }
    }
  }

  /// For each cell style (`s=` index into `cellXfs`), whether its number format shows a date or
  /// time: built-in formats 14–22 and 45–47, or a custom format with d, m, y, h or s outside
  /// quotes, escapes and brackets.
  func dateStyles() throws(LoadError) -> [Bool] {
    guard let partName = stylesPart, let entry = archive.entry(partName) else { return [] }
    let scanner = XMLScanner(source: try archive.open(entry), file: file, part: entry.name)
    var custom: [Int: Bool] = [:]
    var styles: [Bool] = []
    var inCellXfs = false
    while true {
      switch try scanner.next() {
      case .endOfDocument:
        return styles
      case .start:
        if scanner.isNamed("numFmt"), let id = scanner.integerAttribute("numFmtId") {
          custom[id] = Workbook.isDateFormat(scanner.attributeText("formatCode") ?? "")
        } else if scanner.isNamed("cellXfs") {
          inCellXfs = true
        } else if inCellXfs && scanner.isNamed("xf") {
          let id = scanner.integerAttribute("numFmtId") ?? 0
          styles.append(custom[id] ?? Workbook.isBuiltInDateFormat(id))
        }
      case .end:
        if scanner.isNamed("cellXfs") { inCellXfs = false }
      case .text:
        break
      }
    }
  }

  static func isBuiltInDateFormat(_ id: Int) -> Bool { (14...22).contains(id) || (45...47).contains(id) }

  /// Whether a custom number format code shows a date or time (its first section).
  static func isDateFormat(_ code: String) -> Bool {
    var inQuote = false
    var inBracket = false
    var escaped = false
    for c in code.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      if inQuote {
        if c == "\"" { inQuote = false }
        continue
      }
      if inBracket {
        if c == "]" { inBracket = false }
        continue
      }
      switch c {
      case "\"": inQuote = true
      case "[": inBracket = true
      case "\\", "_", "*": escaped = true
      case ";": return false
      case "d", "m", "y", "h", "s": return true
      default: continue
      }
    }
    return false
  }
}

/// A workbook's shared strings in one flat byte array.
struct SharedStrings {
  var bytes: [UInt8] = []
  var ends: [Int] = []

  var count: Int { ends.count }

  mutating func append(_ s: [UInt8]) {
    bytes.append(contentsOf: s)
    ends.append(bytes.count)
  }

  func range(_ k: Int) -> Range<Int> { (k == 0 ? 0 : ends[k - 1])..<ends[k] }
}
