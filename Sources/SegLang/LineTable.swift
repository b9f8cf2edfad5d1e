/// Maps UTF-8 offsets of a ``SourceFile`` to 1-based lines and character columns.
///
/// Built on demand when a diagnostic is rendered, never while lexing. Columns count characters
/// (grapheme clusters), not bytes, so `é` and `😀` are one column each.
public struct LineTable: Sendable {
  /// The offset at which each line starts; `lineStarts[0] == 0`.
  let lineStarts: [Int]
  let bytes: [UInt8]

  /// Builds the table for `source`.
  public init(_ source: SourceFile) {
    var starts = [0]
    for (i, b) in source.bytes.enumerated() where b == UInt8(ascii: "\n") {
      starts.append(i + 1)
    }
    lineStarts = starts
    bytes = source.bytes
  }

  /// The 1-based line that contains `offset`.
  public func line(containing offset: Int) -> Int {
    // Binary search for the last line start <= offset.
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo + 1
  }

  /// The byte range of line `line` (1-based), without its line break.
  public func byteRange(ofLine line: Int) -> Range<Int> {
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<max(start, end)
  }

  /// The text of line `line` (1-based), without its line break.
  public func text(ofLine line: Int) -> String {
    String(decoding: bytes[byteRange(ofLine: line)], as: UTF8.self)
  }

  /// The 1-based line and 1-based character column of `offset`.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let clamped = min(max(offset, 0), bytes.count)
    let line = line(containing: clamped)
    let start = lineStarts[line - 1]
    let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
    return (line, prefix.count + 1)
  }
}
