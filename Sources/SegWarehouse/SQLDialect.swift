internal import SegCore

/// The SQL engines seg writes the RFM query for. Each differs in identifier quoting, type names,
/// integer division and day arithmetic; every function here is exercised on the real engine by
/// the tests (docs/warehouse.md lists the versions).
package enum SQLDialect: String, Sendable, CaseIterable {
  case postgres, duckdb, spark, sqlite

  /// An identifier, quoted: `"Customer ID"`, or `` `Customer ID` `` for Spark.
  package func quote(_ name: String) -> String {
    switch self {
    case .spark: "`" + name.replacing("`", with: "``") + "`"
    default: "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
  }

  /// A table name as the user wrote it: plain dotted names (`sales`, `shop.sales`) are left for
  /// the engine to resolve as it always does, and so is a dbt reference
  /// (`{{ source('shop', 'sales') }}`); anything else is quoted.
  package func tableName(_ name: String) -> String {
    if name.hasPrefix("{{") && name.hasSuffix("}}") { return name }
    let plain = !name.isEmpty
      && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
        guard let first = part.first, first == "_" || first.isLetter else { return false }
        return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
      }
    && name.allSatisfy(\.isASCII)
    return plain ? name : quote(name)
  }

  /// A string literal.
  package func literal(_ text: String) -> String {
    switch self {
    case .spark:
      "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
    default: "'" + text.replacing("'", with: "''") + "'"
    }
  }

  var text: String {
    switch self {
    case .postgres: "text"
    case .duckdb: "VARCHAR"
    case .spark: "STRING"
    case .sqlite: "TEXT"
    }
  }

  var double: String {
    switch self {
    case .postgres: "double precision"
    case .duckdb, .spark: "DOUBLE"
    case .sqlite: "REAL"
    }
  }

  var bigint: String { self == .sqlite ? "INTEGER" : "BIGINT" }

  /// `CAST(x AS type)`.
  func cast(_ x: String, _ type: String) -> String { "CAST(\(x) AS \(type))" }

  /// Integer division of non-negative integers, rounding down.
  func intDiv(_ a: String, _ b: String) -> String {
    switch self {
    case .postgres, .sqlite: "(\(a)) / (\(b))"
    case .duckdb: "(\(a)) // (\(b))"
    case .spark: "(\(a)) div (\(b))"
    }
  }

  /// The calendar day of a date-time, as a value `dayDiff` takes.
  func day(_ x: String) -> String {
    switch self {
    case .sqlite: "date(\(x))"
    default: "CAST(\(x) AS DATE)"
    }
  }

  /// Whole days from day `start` to day `end` (both from ``day(_:)``). PostgreSQL subtracts
  /// dates; DuckDB's date_diff counts day boundaries, which between dates is the day count;
  /// Spark's datediff takes the end first; SQLite goes through Julian day numbers.
  func dayDiff(from start: String, to end: String) -> String {
    switch self {
    case .postgres: "(\(end) - \(start))"
    case .duckdb: "date_diff('day', \(start), \(end))"
    case .spark: "datediff(\(end), \(start))"
    case .sqlite: "CAST(julianday(\(end)) - julianday(\(start)) AS INTEGER)"
    }
  }

  /// The day after day `x`.
  func nextDay(_ x: String) -> String {
    switch self {
    case .postgres, .duckdb: "(\(x) + 1)"
    case .spark: "date_add(\(x), 1)"
    case .sqlite: "date(\(x), '+1 day')"
    }
  }

  /// A date-time literal for a moment (seconds since the epoch, naive local time).
  func timestamp(_ seconds: Int64) -> String {
    let text = isoTimestamp(seconds)
    switch self {
    case .sqlite: return "'\(text)'"
    default: return "TIMESTAMP '\(text)'"
    }
  }

  /// A date literal for the day of a moment.
  func date(_ seconds: Int64) -> String {
    let text = String(isoTimestamp(seconds).prefix(10))
    switch self {
    case .sqlite: return "'\(text)'"
    default: return "DATE '\(text)'"
    }
  }

  /// Text concatenation of three values.
  func concat(_ parts: [String]) -> String {
    switch self {
    case .spark: "concat(" + parts.joined(separator: ", ") + ")"
    default: "(" + parts.joined(separator: " || ") + ")"
    }
  }

  /// Ordering of text by code points (as seg sorts names), for ORDER BY.
  func binaryOrder(_ x: String) -> String {
    self == .postgres ? "\(x) COLLATE \"C\"" : x
  }
}

/// `YYYY-MM-DD HH:MM:SS` for seconds since the epoch (naive local time).
func isoTimestamp(_ seconds: Int64) -> String { CivilCalendar.isoText(seconds: seconds) }
