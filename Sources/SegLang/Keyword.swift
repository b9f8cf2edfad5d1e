/// Words with a fixed meaning inside expressions. A column with one of these names is written
/// with backticks (`` `in` ``).
public enum Keyword {
  /// Words that cannot be bare names in expressions.
  public static let reserved: Set<String> = ["and", "or", "not", "in", "true", "false"]
}
