/// Lays out completion candidates in columns, as shells list them on a second Tab.
enum CompletionListing {
  /// The most candidates listed; beyond it the listing ends with a count of the rest.
  static let defaultLimit = 200

  /// The candidates in columns filled top to bottom, then left to right (as `ls` does), each
  /// column as wide as its longest entry plus two spaces, within `width` columns. One entry
  /// per line when even two columns do not fit. Every line ends with `\n`.
  /// - Parameters:
  ///   - items: What to list, already in order.
  ///   - width: The terminal width; at least 1 is assumed.
  ///   - limit: The most items shown before `… and N more`.
  static func format(_ items: [String], width: Int, limit: Int = defaultLimit) -> String {
    guard !items.isEmpty else { return "" }
    let shown = Array(items.prefix(max(1, limit)))
    let cellWidth = (shown.map(\.count).max() ?? 0) + 2
    let columns = max(1, (max(1, width) + 2) / cellWidth)
    let rows = (shown.count + columns - 1) / columns
    var output = ""
    for row in 0..<rows {
      var line = ""
      for column in 0..<columns {
        let index = column * rows + row
        guard index < shown.count else { break }
        let item = shown[index]
        let isLast = column == columns - 1 || index + rows >= shown.count
        line += item
        if !isLast { line += String(repeating: " ", count: cellWidth - item.count) }
      }
      output += line + "\n"
    }
    if items.count > shown.count {
      output += "… and \(items.count - shown.count) more\n"
    }
    return output
  }
}
