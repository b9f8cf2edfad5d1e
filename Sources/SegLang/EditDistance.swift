/// Near-miss suggestions by edit distance, for unknown commands, options, choices, columns and
/// parameters.
package enum EditDistance {
  /// The Damerau–Levenshtein (optimal string alignment) distance between `a` and `b`, comparing
  /// characters case-insensitively.
  ///
  /// ```swift
  /// EditDistance.distance("clustr", "cluster")  // 1
  /// EditDistance.distance("ab", "ba")           // 1 (a transposition)
  /// ```
  package static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased())
    let y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous2 = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var row = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      row[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          row[j] = min(row[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, row) = (previous, row, previous2)
    }
    return previous[y.count]
  }

  /// The closest of `candidates` to `word`, if it is close enough to be a likely typo: at most
  /// a third of the word's length (at least 1, at most 3) edits away, or equal ignoring case.
  /// Ties go to the earlier candidate.
  package static func suggestion(for word: String, among candidates: [String]) -> String? {
    let limit = max(1, min(3, word.count / 3))
    var best: (String, Int)?
    for c in candidates where c != word {
      let d = distance(word, c)
      if d <= limit, best.map({ d < $0.1 }) ?? true { best = (c, d) }
    }
    return best?.0
  }
}
