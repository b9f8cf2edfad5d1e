/// Quintile scores 1–5 with a deterministic tie policy.
///
/// A value's score is `1 + ⌊5 · b / n⌋`, where `n` is the number of values and `b` the number of
/// values strictly worse than it (smaller when higher is better, larger when lower is better).
/// That is the "min" rank of pandas (`rank(method: "min")` − 1), so equal values always get the
/// same score, and the best score goes to the top fifth as nearly as ties allow. With most
/// customers buying once, all one-time buyers share the lowest frequency score, and the next
/// scores start where they end. NaN values get score 0 (they do not occur in RFM tables).
public enum RFMScoring {
  /// Scores of `values`, in their order.
  ///
  /// - Parameters:
  ///   - values: The metric per customer.
  ///   - higherIsBetter: `true` for frequency and monetary, `false` for recency.
  /// - Complexity: O(n log n).
  public static func quintileScores(_ values: [Double], higherIsBetter: Bool) -> [Int] {
    let valid = values.indices.filter { !values[$0].isNaN }
    let n = valid.count
    var scores = [Int](repeating: 0, count: values.count)
    guard n > 0 else { return scores }
    let order = valid.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var i = 0
    while i < n {
      var j = i + 1
      while j < n && values[order[j]] == values[order[i]] { j += 1 }
      // i values are smaller, n - j are larger.
      let worse = higherIsBetter ? i : n - j
      let score = 1 + (5 * worse) / n
      for k in i..<j { scores[order[k]] = score }
      i = j
    }
    return scores
  }
}
