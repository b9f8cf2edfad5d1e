import Foundation

/// The JSON arrays stored in history columns: numbers (feature values, centroids, means) and
/// strings (feature names).
///
/// Numbers are written with Swift's shortest round-trip representation, so a value read back is
/// bit-for-bit the value written; NaN and infinities are written as `null` and read back as NaN.
/// JSON keeps the file readable from `sqlite3` (`json_extract(features, '$[0]')`).
enum JSONArray {
  /// `[1.5,null,2.0]` for `[1.5, .nan, 2]`.
  static func text(_ values: some Sequence<Double>) -> String {
    var out = "["
    var first = true
    for v in values {
      if !first { out += "," }
      first = false
      out += v.isFinite ? v.description : "null"
    }
    return out + "]"
  }

  /// The numbers of a JSON array of numbers and nulls, or `nil` when `text` is anything else.
  static func numbers(_ text: String) -> [Double]? {
    var s = Substring(text)
    guard s.first == "[", s.last == "]" else { return nil }
    s = s.dropFirst().dropLast()
    if s.allSatisfy(\.isWhitespace) { return [] }
    var values: [Double] = []
    for part in s.split(separator: ",", omittingEmptySubsequences: false) {
      let token = part.trimmingCharacters(in: .whitespaces)
      if token == "null" {
        values.append(.nan)
      } else if let v = Double(token), v.isFinite {
        values.append(v)
      } else {
        return nil
      }
    }
    return values
  }

  /// `["recency","frequency"]`, with JSON string escaping.
  static func text(_ strings: [String]) -> String {
    guard let data = try? JSONEncoder().encode(strings) else { return "[]" }
    return String(decoding: data, as: UTF8.self)
  }

  /// The strings of a JSON array of strings, or `nil` when `text` is anything else.
  static func strings(_ text: String) -> [String]? {
    try? JSONDecoder().decode([String].self, from: Data(text.utf8))
  }
}
