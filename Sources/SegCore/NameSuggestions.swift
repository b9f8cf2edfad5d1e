/// Suggests existing names close to a mistyped one, by edit distance.
enum NameSuggestions {
  /// Levenshtein distance over characters, case-insensitive.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased())
    let y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        current[j] = min(
          previous[j] + 1,
          current[j - 1] + 1,
          previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
        )
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// Names within a distance of about a third of the longer name (at least 2), nearest first,
  /// ties in the given order; names equal after normalisation come first.
  static func nearest(to name: String, among names: [String], limit: Int = 3) -> [String] {
    let key = ColumnRole.normalized(name)
    let scored = names.enumerated().compactMap { (i, candidate) -> (Int, Int, String)? in
      let d = ColumnRole.normalized(candidate) == key ? 0 : editDistance(name, candidate)
      let allowed = max(2, max(name.count, candidate.count) / 3)
      return d <= allowed ? (d, i, candidate) : nil
    }
    return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.2)
  }
}
