/// The type a command argument or option accepts, checked when a script is validated (for
/// literals) and again when it runs (for `$variables` and parenthesised expressions).
public enum ValueType: Sendable, Equatable {
  /// A whole number: `4`, `-1`.
  case int
  /// Any number, including percentages: `2.5`, `5%`.
  case number
  /// A quoted string.
  case string
  /// A date: `2011-12-09`.
  case date
  /// `true` or `false`.
  case bool
  /// A bare or backticked name (a column, table, command or segment), or a string.
  case name
  /// A name, or a list of names: `recency` or `[recency, frequency]`.
  case names
  /// An inclusive range of whole numbers: `2..10`.
  case intRange
  /// One of a fixed set of words: `method=kmeans`. Near misses get a suggestion.
  case choice([String])
  /// A file path, written as a string.
  case path
  /// Any value or expression (evaluated to a single value).
  case any

  /// How the type is shown in usage lines and docs: `INT`, `kmeans|kmedoids`, `[NAME, ...]`.
  public var placeholder: String {
    switch self {
    case .int: "INT"
    case .number: "NUMBER"
    case .string: "STRING"
    case .date: "DATE"
    case .bool: "BOOL"
    case .name: "NAME"
    case .names: "[NAME, ...]"
    case .intRange: "INT..INT"
    case .choice(let words): words.joined(separator: "|")
    case .path: "\"PATH\""
    case .any: "VALUE"
    }
  }

  /// How the type is named in error messages: "expected an int".
  public var description: String {
    switch self {
    case .int: "a whole number"
    case .number: "a number"
    case .string: "a string"
    case .date: "a date"
    case .bool: "true or false"
    case .name: "a name"
    case .names: "a name or a list of names"
    case .intRange: "a range like 2..10"
    case .choice(let words): "one of " + words.joined(separator: ", ")
    case .path: "a file path in quotes"
    case .any: "a value"
    }
  }
}
