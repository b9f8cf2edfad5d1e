/// Words with a fixed meaning inside expressions. A column with one of these names is written
/// with backticks (`` `in` ``).
package enum Keyword {
  /// Words that cannot be bare names in expressions.
  package static let reserved: Set<String> = ["and", "or", "not", "in", "true", "false"]
}
