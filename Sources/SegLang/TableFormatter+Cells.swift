extension TableFormatter {
  /// A column of text already formatted for display (a report table rather than a data table):
  /// `isNumeric` right-aligns it and, unless `isJSONNumber` is false, writes its cells unquoted
  /// in JSON.
  static func cellColumn(
    _ name: String, _ cells: [String?], isNumeric: Bool, isJSONNumber: Bool? = nil
  ) -> CellColumn {
    CellColumn(
      name: name, cells: cells, isNumeric: isNumeric, isJSONNumber: isJSONNumber ?? isNumeric)
  }

  /// Renders preformatted columns (all of the same length) in this formatter's format.
  func render(cells columns: [CellColumn]) -> String {
    let rows = columns.first?.cells.count ?? 0
    switch format {
    case .table: return renderText(columns, rows: rows)
    case .box: return renderBox(columns, rows: rows)
    case .markdown: return renderMarkdown(columns, rows: rows)
    case .csv: return renderCSV(columns, rows: rows)
    case .json: return renderJSON(columns, rows: rows)
    }
  }
}

extension TableFormatter.CellColumn {
  init(name: String, cells: [String?], isNumeric: Bool, isJSONNumber: Bool) {
    self.name = name
    self.cells = cells
    self.isNumeric = isNumeric
    self.isJSONNumber = isJSONNumber
  }
}
