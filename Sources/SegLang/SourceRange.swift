/// A half-open range of UTF-8 byte offsets into a ``SourceFile``.
///
/// Positions are offsets; line and column are derived only when a diagnostic is rendered (see
/// ``LineTable``). An empty range (`start == end`) marks a point, such as the end of the input; it
/// is still drawn as one caret.
public struct SourceRange: Sendable, Hashable {
  /// The offset of the first byte.
  public var start: Int
  /// The offset one past the last byte.
  public var end: Int

  /// Creates a range from `start` up to, not including, `end`.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The empty range at offset 0, for values that come from no source text (generated ASTs,
  /// command-line parameters).
  public static let none = SourceRange(start: 0, end: 0)

  /// The number of bytes covered.
  public var count: Int { end - start }

  /// The smallest range covering both ranges.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }
}
