/// How the fields of a row are separated.
public enum Delimiter: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// One ASCII byte: `,` `;` tab `|` …
  case character(UInt8)
  /// Runs of spaces and tabs (leading and trailing ones ignored).
  case whitespace

  /// A comma.
  public static let comma = Delimiter.character(UInt8(ascii: ","))
  /// A semicolon.
  public static let semicolon = Delimiter.character(UInt8(ascii: ";"))
  /// A tab.
  public static let tab = Delimiter.character(0x09)

  /// Reads an option value: `,` `;` `|` `tab` (or `\t`), `whitespace` (or `space`), or any single
  /// ASCII character other than a quote or a line break. Returns `nil` for anything else.
  public init?(option: String) {
    switch option.lowercased() {
    case "tab", "\\t", "\t": self = .tab
    case "whitespace", "space", "spaces", " ": self = .whitespace
    case "comma": self = .comma
    case "semicolon": self = .semicolon
    default:
      let bytes = Array(option.utf8)
      guard bytes.count == 1, bytes[0] < 0x80, bytes[0] != UInt8(ascii: "\""), bytes[0] != 0x0A,
        bytes[0] != 0x0D
      else { return nil }
      self = .character(bytes[0])
    }
  }

  /// A short name for reports: `comma`, `semicolon`, `tab`, `whitespace`, or the character.
  public var description: String {
    switch self {
    case .whitespace: "whitespace"
    case .character(0x2C): "comma"
    case .character(0x3B): "semicolon"
    case .character(0x09): "tab"
    case .character(0x7C): "pipe"
    case .character(let b): "'\(Character(Unicode.Scalar(b)))'"
    }
  }

  /// Guesses the delimiter from the first lines of a file.
  ///
  /// A candidate (`,` `;` tab `|`) wins when it occurs, outside quotes, the same number of times
  /// (at least once) on the header and on every complete sampled line; among those the one with
  /// the most fields wins, then the earlier in that list. Otherwise, when splitting at runs of
  /// spaces gives the same two or more fields on every line, the file is whitespace-separated.
  /// Otherwise the candidate matching the header on the most lines wins (ragged rows are then
  /// reported by the parser), and a file with none of them is one column of comma-separated text.
  static func sniff(_ sample: UnsafeBufferPointer<UInt8>) -> Delimiter {
    // Split the sample into up to 50 complete lines, outside quotes.
    var lines: [Range<Int>] = []
    var start = 0
    var inQuotes = false
    var i = 0
    while i < sample.count && lines.count < 50 {
      let b = sample[i]
      if b == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if b == 0x0A && !inQuotes {
        var end = i
        if end > start && sample[end - 1] == 0x0D { end -= 1 }
        if end > start { lines.append(start..<end) }
        start = i + 1
      }
      i += 1
    }
    if lines.isEmpty && start < sample.count { lines.append(start..<sample.count) }
    guard let header = lines.first else { return .comma }
    func count(_ d: UInt8, _ r: Range<Int>) -> Int {
      var n = 0
      var q = false
      for k in r {
        let b = sample[k]
        if b == UInt8(ascii: "\"") { q.toggle() } else if b == d && !q { n += 1 }
      }
      return n
    }
    let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
    var best: (d: UInt8, fields: Int)? = nil
    var bestPartial: (d: UInt8, matches: Int)? = nil
    for d in candidates {
      let h = count(d, header)
      guard h > 0 else { continue }
      let matching = lines.dropFirst().filter { count(d, $0) == h }.count
      if matching == lines.count - 1 {
        if best == nil || h > best?.fields ?? 0 { best = (d, h) }
      } else if bestPartial == nil || matching > bestPartial?.matches ?? 0 {
        bestPartial = (d, matching)
      }
    }
    if let best { return .character(best.d) }
    func whitespaceFields(_ r: Range<Int>) -> Int {
      var n = 0
      var inField = false
      for k in r {
        let space = sample[k] == 0x20 || sample[k] == 0x09
        if !space && !inField { n += 1 }
        inField = !space
      }
      return n
    }
    let w = whitespaceFields(header)
    if w >= 2 && lines.allSatisfy({ whitespaceFields($0) == w }) { return .whitespace }
    if let bestPartial { return .character(bestPartial.d) }
    return .comma
  }
}
