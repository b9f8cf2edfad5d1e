/// Writes tables as RFC 4180 CSV and as JSON, deterministically.
///
/// CSV: a header row, then one row per table row, fields separated by commas, rows ended by LF.
/// A field is quoted when it contains the delimiter, a quote, a line break, or leading or
/// trailing spaces; quotes inside are doubled. Integers print in full; decimals print in the
/// shortest form that reads back to the same double (Swift's `description`: `2.55`, `1e-05`);
/// infinities print as `inf`/`-inf`; missing values are empty. Date-times print as
/// `YYYY-MM-DD HH:MM:SS`, or `YYYY-MM-DD` when every value of the column is at midnight.
///
/// JSON: an array of objects, one per row, keys in column order, one object per line. Missing
/// values and non-finite decimals are `null`; dates are ISO strings.
public enum CSVWriter {
  /// A field as written in CSV, quoted when needed.
  public static func quoted(_ field: String, delimiter: UInt8 = UInt8(ascii: ",")) -> String {
    let utf8 = field.utf8
    let needsQuotes =
      utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
      || utf8.first == 0x20 || utf8.last == 0x20 || utf8.first == 0x09 || utf8.last == 0x09
    guard needsQuotes else { return field }
    var out = "\""
    for ch in field {
      if ch == "\"" { out += "\"\"" } else { out.append(ch) }
    }
    return out + "\""
  }

  /// The CSV text of a decimal (empty for NaN).
  public static func decimalText(_ v: Double) -> String {
    if v.isNaN { return "" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    return v.description
  }

  /// One column's values as field texts (already quoted for CSV when `csv` is true).
  static func cells(_ column: Column, csv: Bool, delimiter: UInt8) -> (Int) -> [UInt8] {
    func text(_ s: String) -> [UInt8] {
      csv ? Array(quoted(s, delimiter: delimiter).utf8) : Array(jsonString(s).utf8)
    }
    let missing: [UInt8] = csv ? [] : Array("null".utf8)
    switch column.data {
    case .integer(let v):
      return { v[$0] == Column.missingInteger ? missing : Array(String(v[$0]).utf8) }
    case .decimal(let v):
      return { i in
        let x = v[i]
        if x.isNaN || (!csv && x.isInfinite) { return missing }
        return Array(decimalText(x).utf8)
      }
    case .datetime(let v):
      let includeTime = v.contains { $0 != Column.missingInteger && $0 % 86_400 != 0 }
      return { i in
        v[i] == Column.missingInteger
          ? missing : text(CivilCalendar.isoText(seconds: v[i], includeTime: includeTime))
      }
    case .text(let v):
      return { v[$0].map(text) ?? missing }
    case .category(let codes, let dictionary):
      let encoded = dictionary.map(text)
      return { codes[$0] == Column.missingCode ? missing : encoded[Int(codes[$0])] }
    case .boolean(let v):
      return { v[$0].map { Array(($0 ? "true" : "false").utf8) } ?? missing }
    }
  }

  /// A JSON string literal: `"`, `\\` and the C0 controls escaped, and DEL as `\u007f` so that
  /// no raw control byte reaches a file or a terminal. The one JSON escaper of the package.
  public static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

extension Table {
  /// The table as CSV bytes (see ``CSVWriter``).
  ///
  /// - Parameter delimiter: The field separator; whitespace is written as a tab.
  /// - Complexity: O(rows × columns).
  public func csvBytes(delimiter: Delimiter = .comma) -> [UInt8] {
    var d = UInt8(ascii: ",")
    switch delimiter {
    case .character(let b): d = b
    case .whitespace: d = 0x09
    }
    var out: [UInt8] = []
    out.reserveCapacity(rowCount * columns.count * 8 + 64)
    for (j, column) in columns.enumerated() {
      if j > 0 { out.append(d) }
      out.append(contentsOf: CSVWriter.quoted(column.name, delimiter: d).utf8)
    }
    out.append(0x0A)
    let cells = columns.map { CSVWriter.cells($0, csv: true, delimiter: d) }
    for i in 0..<rowCount {
      let rowStart = out.count
      for (j, cell) in cells.enumerated() {
        if j > 0 { out.append(d) }
        out.append(contentsOf: cell(i))
      }
      // A row of missing values only is written `"",,` : a reader skips `,,,` as spreadsheets
      // write it below a table (and a one-column row would be a blank line).
      // Only delimiters were written: the quotes go in front of them by rewriting the row's end,
      // not by inserting into the whole output (which would make many such rows quadratic).
      if out.count - rowStart == cells.count - 1 {
        out.removeLast(cells.count - 1)
        out.append(0x22)
        out.append(0x22)
        out.append(contentsOf: repeatElement(d, count: cells.count - 1))
      }
      out.append(0x0A)
    }
    return out
  }

  /// The table as CSV text.
  public func csvText(delimiter: Delimiter = .comma) -> String {
    String(decoding: csvBytes(delimiter: delimiter), as: UTF8.self)
  }

  /// The table as a JSON array of objects, keys in column order, one object per line.
  public func jsonBytes() -> [UInt8] {
    let keys = columns.map { Array((CSVWriter.jsonString($0.name) + ":").utf8) }
    let cells = columns.map { CSVWriter.cells($0, csv: false, delimiter: 0) }
    var out: [UInt8] = [UInt8(ascii: "[")]
    for i in 0..<rowCount {
      out.append(contentsOf: i == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
      out.append(UInt8(ascii: "{"))
      for j in cells.indices {
        if j > 0 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: keys[j])
        out.append(contentsOf: cells[j](i))
      }
      out.append(UInt8(ascii: "}"))
    }
    out.append(
      contentsOf: rowCount > 0 ? [0x0A, UInt8(ascii: "]"), 0x0A] : [UInt8(ascii: "]"), 0x0A]
    )
    return out
  }

  /// The table as JSON text.
  public func jsonText() -> String { String(decoding: jsonBytes(), as: UTF8.self) }
}
