internal import Foundation

/// The input-space affinities of t-SNE, computed as scikit-learn computes them.
///
/// Squared distances are rounded to `Float` before the search, as scikit-learn's
/// `_binary_search_perplexity` takes them, so that the probabilities agree with its to ~1e-12.
enum TSNEAffinities {
  /// scikit-learn's `_binary_search_perplexity` on one row.
  ///
  /// Finds the precision β of a Gaussian centred on the
  /// row so that the conditional distribution over `distances` (squared, `Float`-rounded) has
  /// the desired perplexity, and writes the normalised conditional probabilities to `out`.
  /// `skip` is the position of the row itself (excluded from the sum), or -1.
  static func conditionalRow(
    _ distances: borrowing Span<Double>, skip: Int, desiredEntropy: Double,
    out: inout [Double]
  ) {
    let count = distances.count
    let tolerance = Double(Float(1e-5))
    let epsilon = Double(Float(1e-8))
    var beta = 1.0
    var betaMin = -Double.infinity
    var betaMax = Double.infinity
    for _ in 0..<100 {
      var sum = 0.0
      for j in 0..<count where j != skip {
        let p = exp(-distances[j] * beta)
        out[j] = p
        sum += p
      }
      if skip >= 0 { out[skip] = 0 }
      if sum == 0 { sum = epsilon }
      var weighted = 0.0
      for j in 0..<count {
        out[j] /= sum
        weighted += distances[j] * out[j]
      }
      let entropy = log(sum) + beta * weighted
      let difference = entropy - desiredEntropy
      if abs(difference) <= tolerance { break }
      if difference > 0 {
        betaMin = beta
        beta = betaMax == .infinity ? beta * 2 : (beta + betaMax) / 2
      } else {
        betaMax = beta
        beta = betaMin == -.infinity ? beta / 2 : (beta + betaMin) / 2
      }
    }
  }

  /// The natural log of the perplexity, with the perplexity rounded to `Float` as scikit-learn's
  /// Cython signature rounds it.
  static func entropy(perplexity: Double) -> Double { log(Double(Float(perplexity))) }

  /// The dense joint probabilities `P` (`n × n`, symmetric, zero diagonal), scikit-learn's
  /// `squareform(_joint_probabilities(D, perplexity))` for squared Euclidean `D`: conditional
  /// rows, `P + Pᵀ`, normalised to sum 1, floored at machine epsilon off the diagonal.
  static func exactJoint(_ m: PointMatrix, perplexity: Double) -> [Double] {
    let n = m.rows
    let desired = entropy(perplexity: perplexity)
    let conditional = concurrentChunks(count: n, minimumChunk: 64) { range in
      var rows = [Double]()
      rows.reserveCapacity(range.count * n)
      var distances = [Double](repeating: 0, count: n)
      var out = [Double](repeating: 0, count: n)
      for i in range {
        for j in 0..<n { distances[j] = Double(Float(m.squaredDistance(i, j))) }
        conditionalRow(distances.span, skip: i, desiredEntropy: desired, out: &out)
        rows.append(contentsOf: out)
      }
      return rows
    }.flatMap { $0 }
    var joint = [Double](repeating: 0, count: n * n)
    var total = 0.0
    for i in 0..<n {
      for j in 0..<n {
        let v = conditional[i * n + j] + conditional[j * n + i]
        joint[i * n + j] = v
        total += v
      }
    }
    total = max(total, Double.ulpOfOne)
    for i in 0..<n {
      for j in 0..<n where j != i {
        joint[i * n + j] = max(joint[i * n + j] / total, Double.ulpOfOne)
      }
    }
    return joint
  }

  /// The sparse joint probabilities of Barnes–Hut t-SNE (scikit-learn's `_joint_probabilities_nn`):
  /// conditional probabilities over each row's `min(n − 1, ⌊3·perplexity + 1⌋)` nearest
  /// neighbours, symmetrised as `P + Pᵀ` and normalised to sum 1.
  /// `cancellation` is asked every 32 rows of the neighbour search; when it says stop, the
  /// search ends early and the call throws `.cancelled`.
  static func sparseJoint(
    _ m: PointMatrix, perplexity: Double, cancellation: CancellationToken = .never
  ) throws(ClusteringError) -> SparseAffinities {
    let n = m.rows
    let k = min(n - 1, Int(3 * perplexity + 1))
    let tree = KDTree(m)
    let desired = entropy(perplexity: perplexity)
    // Per row: neighbour rows and conditional probabilities, k each.
    let rows = concurrentChunks(count: n, minimumChunk: 256) { range in
      var neighbours = [Int]()
      var probabilities = [Double]()
      neighbours.reserveCapacity(range.count * k)
      probabilities.reserveCapacity(range.count * k)
      var positions = [Int]()
      var squared = [Double]()
      var out = [Double](repeating: 0, count: k)
      for i in range {
        if (i - range.lowerBound) % 32 == 0 && cancellation.isCancelled { break }
        tree.nearest(
          toPosition: tree.positionOf[i], k: k, includeSelf: false, positions: &positions,
          distances: &squared)
        for t in 0..<k { squared[t] = Double(Float(squared[t])) }
        conditionalRow(squared.span, skip: -1, desiredEntropy: desired, out: &out)
        for t in 0..<k { neighbours.append(tree.rowAt[positions[t]]) }
        probabilities.append(contentsOf: out)
      }
      return (neighbours, probabilities)
    }
    try ClusteringError.check(cancellation)
    var neighbours = [Int]()
    var conditional = [Double]()
    neighbours.reserveCapacity(n * k)
    conditional.reserveCapacity(n * k)
    for chunk in rows {
      neighbours.append(contentsOf: chunk.0)
      conditional.append(contentsOf: chunk.1)
    }
    return SparseAffinities(symmetrising: neighbours, conditional, rows: n, perRow: k)
  }
}

/// A symmetric sparse probability matrix in compressed-row form, columns increasing per row.
struct SparseAffinities: Sendable {
  let rowStart: [Int]
  let columns: [Int]
  var values: [Double]

  /// `P + Pᵀ` of a conditional matrix with `perRow` entries per row, normalised to sum 1.
  init(symmetrising neighbours: [Int], _ conditional: [Double], rows n: Int, perRow k: Int) {
    // Count entries of P and Pᵀ per row, scatter, then sort each row and merge duplicates.
    var counts = [Int](repeating: k, count: n + 1)
    for j in neighbours { counts[j] += 1 }
    var start = [Int](repeating: 0, count: n + 1)
    for i in 0..<n { start[i + 1] = start[i] + counts[i] }
    var fill = Array(start[0..<n])
    var cols = [Int](repeating: 0, count: start[n])
    var vals = [Double](repeating: 0, count: start[n])
    for i in 0..<n {
      for t in 0..<k {
        let j = neighbours[i * k + t]
        let v = conditional[i * k + t]
        cols[fill[i]] = j
        vals[fill[i]] = v
        fill[i] += 1
        cols[fill[j]] = i
        vals[fill[j]] = v
        fill[j] += 1
      }
    }
    var rowStart = [0]
    rowStart.reserveCapacity(n + 1)
    var outCols = [Int]()
    var outVals = [Double]()
    outCols.reserveCapacity(start[n])
    outVals.reserveCapacity(start[n])
    var order = [Int]()
    for i in 0..<n {
      order = Array(start[i]..<start[i + 1])
      order.sort { (cols[$0], $0) < (cols[$1], $1) }
      var last = -1
      for e in order {
        if cols[e] == last {
          outVals[outVals.count - 1] += vals[e]
        } else {
          outCols.append(cols[e])
          outVals.append(vals[e])
          last = cols[e]
        }
      }
      rowStart.append(outCols.count)
    }
    var total = 0.0
    for v in outVals { total += v }
    total = max(total, Double.ulpOfOne)
    for e in outVals.indices { outVals[e] /= total }
    self.rowStart = rowStart
    self.columns = outCols
    self.values = outVals
  }
}
