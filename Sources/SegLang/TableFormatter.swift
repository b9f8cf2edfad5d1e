public import SegCore

/// How tables print: an aligned text table, CSV, JSON, Markdown, or a table drawn with box
/// characters (as the DuckDB shell draws results).
public enum TableFormat: String, Sendable, Equatable, CaseIterable {
  case table, csv, json, markdown, box
}

/// Renders tables as text, deterministically: the same table always gives the same bytes.
///
/// Cells use ``NumberFormatting`` for decimals (integers print as is, without separators, since
/// they are often identifiers); datetime columns print `YYYY-MM-DD` when every value is at
/// midnight, else `YYYY-MM-DD HH:MM:SS`; missing values are empty (`null` in JSON). In the text
/// table, numbers are right-aligned and text left-aligned. Cells are truncated with `…` only when
/// ``maximumCellWidth`` is set (the REPL on a terminal), never otherwise.
public struct TableFormatter: Sendable {
  /// The output format.
  public var format: TableFormat
  /// Truncate cells wider than this many characters, or `nil` to never truncate.
  public var maximumCellWidth: Int?
  /// The most rows a text or Markdown table prints, whatever `limit` asks; `nil` for no limit.
  public var maximumRows: Int?
  /// The widest line a text table may print, in characters (the terminal width).
  ///
  /// Columns that do not fit are left out and named in a footer. `nil` for no limit.
  public var maximumWidth: Int?

  /// Creates a formatter.
  public init(format: TableFormat = .table, maximumCellWidth: Int? = nil) {
    self.format = format
    self.maximumCellWidth = maximumCellWidth
  }

  /// Renders the first `limit` rows of `table` (all when `nil`). When rows are left out, the text
  /// table and Markdown end with a line `… 4,318 more rows`; ``maximumRows`` lowers `limit` for
  /// those two formats, and a text table wider than ``maximumWidth`` keeps the columns that fit
  /// and ends with `… 2 more columns: frequency, monetary`.
  public func render(_ table: Table, limit: Int? = nil) -> String {
    var rowLimit = limit ?? table.rowCount
    if format == .table || format == .markdown || format == .box, let maximumRows {
      rowLimit = min(rowLimit, maximumRows)
    }
    let shownRows = min(table.rowCount, max(0, rowLimit))
    let columns = table.columns.map { CellColumn($0, rows: shownRows) }
    let hidden = table.rowCount - shownRows
    let footer = hidden > 0 ? "… \(NumberFormatting.count(hidden)) more row\(hidden == 1 ? "" : "s")\n" : ""
    switch format {
    case .table, .box:
      let (text, hiddenColumns) = renderFittedText(columns, rows: shownRows)
      return text + footer + columnFooter(hiddenColumns)
    case .markdown: return renderMarkdown(columns, rows: shownRows) + (footer.isEmpty ? "" : "\n" + footer)
    case .csv: return renderCSV(columns, rows: shownRows)
    case .json: return renderJSON(columns, rows: shownRows)
    }
  }

  // MARK: - Cells

  /// One column's formatted cells.
  struct CellColumn {
    var name: String
    var cells: [String?]
    var isNumeric: Bool
    /// The raw JSON token of each cell (numbers unquoted).
    var isJSONNumber: Bool

    init(_ column: Column, rows: Int) {
      name = column.name
      isNumeric = column.isNumeric
      isJSONNumber = column.isNumeric
      switch column.data {
      case .integer(let v):
        cells = v.prefix(rows).map { $0 == Column.missingInteger ? nil : String($0) }
      case .decimal(let v):
        cells = v.prefix(rows).map { $0.isNaN ? nil : NumberFormatting.format($0) }
      case .datetime(let v):
        let dateOnly = v.allSatisfy { $0 == Column.missingInteger || CivilCalendar.day(ofSeconds: $0) * 86_400 == $0 }
        cells = v.prefix(rows).map {
          $0 == Column.missingInteger
            ? nil
            : DateValue(secondsSinceEpoch: $0).format(timeSeparator: " ", includeTime: !dateOnly)
        }
      case .text, .category:
        cells = (0..<rows).map { column.text(at: $0) }
      case .boolean(let v):
        cells = v.prefix(rows).map { $0.map { $0 ? "true" : "false" } }
        isJSONNumber = true
      }
    }
  }

  /// A cell or header for a text or Markdown table: control characters escaped (`\x1b`), then
  /// cut to ``maximumCellWidth`` characters (never inside a character).
  func truncated(_ s: String) -> String {
    let s = ControlCharacters.escaped(s)
    guard let w = maximumCellWidth, s.count > w, w >= 2 else { return s }
    return String(s.prefix(w - 1)) + "…"
  }

  // MARK: - Renderers

  /// The text table, keeping only the leading columns that fit ``maximumWidth`` (at least one,
  /// its cells cut to the width), and the names of the columns left out.
  func renderFittedText(_ columns: [CellColumn], rows: Int) -> (text: String, hidden: [String]) {
    guard !columns.isEmpty else { return ("(no columns)\n", []) }
    var columns = columns
    var hiddenNames: [String] = []
    var formatter = self
    if let maximumWidth, maximumWidth > 0 {
      // A text table puts 2 spaces between columns; a box `│ ` before each column, ` ` after
      // it and a closing `│`.
      var used = format == .box ? 1 : 0
      var kept = 0
      for column in columns {
        let width = column.cells.reduce(truncated(column.name).count) {
          max($0, truncated($1 ?? "").count)
        }
        let needed = (format == .box ? 3 : kept == 0 ? 0 : 2) + width
        if used + needed > maximumWidth { break }
        used += needed
        kept += 1
      }
      if kept == 0 {
        kept = 1
        let inner = format == .box ? maximumWidth - 4 : maximumWidth
        formatter.maximumCellWidth = min(maximumCellWidth ?? inner, max(2, inner))
      }
      hiddenNames = columns[kept...].map(\.name)
      columns.removeSubrange(kept...)
    }
    let text =
      format == .box
      ? formatter.renderBox(columns, rows: rows) : formatter.renderText(columns, rows: rows)
    return (text, hiddenNames)
  }

  /// The footer naming columns a fitted text table left out, or empty.
  func columnFooter(_ names: [String]) -> String {
    guard !names.isEmpty else { return "" }
    let plural = names.count == 1 ? "" : "s"
    var line = "… \(NumberFormatting.count(names.count)) more column\(plural): "
    let limit = max(maximumWidth ?? Int.max, line.count + 1)
    for (i, name) in names.enumerated() {
      let piece = (i == 0 ? "" : ", ") + name
      if line.count + piece.count + (i + 1 < names.count ? 3 : 0) > limit {
        line += i == 0 ? "…" : ", …"
        break
      }
      line += piece
    }
    return line + "\n"
  }

  /// The cells of a text or box table: truncated, padded to their column's width (numbers on
  /// the right, text on the left), with the widths.
  struct MeasuredCells {
    /// The padded header of each column.
    var headers: [String]
    /// `rows[r][c]`: the padded cell of row `r`, column `c`.
    var rows: [[String]]
    /// Each column's width in characters.
    var widths: [Int]
  }

  func measured(_ columns: [CellColumn], rows: Int) -> MeasuredCells {
    let headers = columns.map { truncated($0.name) }
    let cells = columns.map { $0.cells.map { truncated($0 ?? "") } }
    let widths = columns.indices.map { c in
      max(headers[c].count, cells[c].map(\.count).max() ?? 0)
    }
    func pad(_ s: String, _ c: Int) -> String {
      let fill = String(repeating: " ", count: max(0, widths[c] - s.count))
      return columns[c].isNumeric ? fill + s : s + fill
    }
    return MeasuredCells(
      headers: columns.indices.map { pad(headers[$0], $0) },
      rows: (0..<rows).map { r in columns.indices.map { pad(cells[$0][r], $0) } },
      widths: widths)
  }

  func renderText(_ columns: [CellColumn], rows: Int) -> String {
    guard !columns.isEmpty else { return "(no columns)\n" }
    let table = measured(columns, rows: rows)
    func line(_ parts: [String]) -> String {
      var s = parts.joined(separator: "  ")
      while s.last == " " { s.removeLast() }
      return s + "\n"
    }
    var out = line(table.headers)
    out += line(table.widths.map { String(repeating: "-", count: $0) })
    for row in table.rows { out += line(row) }
    return out
  }

  /// The table drawn with box characters: a frame, a rule under the header, numbers right- and
  /// text left-aligned.
  ///
  /// ```
  /// ┌──────────┬─────────┐
  /// │ customer │ recency │
  /// ├──────────┼─────────┤
  /// │    12346 │     326 │
  /// └──────────┴─────────┘
  /// ```
  func renderBox(_ columns: [CellColumn], rows: Int) -> String {
    guard !columns.isEmpty else { return "(no columns)\n" }
    let table = measured(columns, rows: rows)
    func rule(_ left: String, _ middle: String, _ right: String) -> String {
      left + table.widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle)
        + right + "\n"
    }
    func line(_ parts: [String]) -> String { "│ " + parts.joined(separator: " │ ") + " │\n" }
    var out = rule("┌", "┬", "┐") + line(table.headers) + rule("├", "┼", "┤")
    for row in table.rows { out += line(row) }
    return out + rule("└", "┴", "┘")
  }

  func renderMarkdown(_ columns: [CellColumn], rows: Int) -> String {
    guard !columns.isEmpty else { return "" }
    func escape(_ s: String) -> String {
      truncated(s).replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
    var out = "| " + columns.map { escape($0.name) }.joined(separator: " | ") + " |\n"
    out += "|" + columns.map { $0.isNumeric ? " ---: |" : " --- |" }.joined() + "\n"
    for r in 0..<rows {
      out += "| " + columns.map { escape($0.cells[r] ?? "") }.joined(separator: " | ") + " |\n"
    }
    return out
  }

  func renderCSV(_ columns: [CellColumn], rows: Int) -> String {
    guard !columns.isEmpty else { return "" }
    func field(_ s: String) -> String {
      guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
      return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
    var out = columns.map { field($0.name) }.joined(separator: ",") + "\n"
    for r in 0..<rows {
      out += columns.map { field($0.cells[r] ?? "") }.joined(separator: ",") + "\n"
    }
    return out
  }

  func renderJSON(_ columns: [CellColumn], rows: Int) -> String {
    guard rows > 0 else { return "[]\n" }
    var out = "[\n"
    for r in 0..<rows {
      let fields = columns.map { c -> String in
        let value: String
        if let cell = c.cells[r] {
          value = c.isJSONNumber ? cell : TableFormatter.jsonString(cell)
        } else {
          value = "null"
        }
        return TableFormatter.jsonString(c.name) + ": " + value
      }
      out += "  {" + fields.joined(separator: ", ") + "}" + (r + 1 < rows ? "," : "") + "\n"
    }
    return out + "]\n"
  }

  /// `s` as a JSON string literal (SegCore's ``CSVWriter/jsonString(_:)``).
  static func jsonString(_ s: String) -> String { CSVWriter.jsonString(s) }
}

extension String {
  /// Replaces every occurrence of `target` (no Foundation).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, contains(target) else { return self }
    var out = ""
    var rest = self[...]
    while let r = rest.firstRange(of: target) {
      out += rest[..<r.lowerBound]
      out += replacement
      rest = rest[r.upperBound...]
    }
    return out + rest
  }
}
