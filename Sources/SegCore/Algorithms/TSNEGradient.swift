internal import Foundation

/// The objective of a t-SNE run: KL divergence and its gradient at an embedding.
enum TSNEObjective: Sendable {
  case exact(ExactTSNEGradient)
  case barnesHut(BarnesHutTSNEGradient)

  /// The gradient (`n × 2`) at `y` with affinities multiplied by `exaggeration`, and the KL
  /// divergence when `computeError` (otherwise NaN).
  func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool) -> (
    error: Double, gradient: [Double]
  ) {
    switch self {
    case .exact(let g): g.evaluate(y, exaggeration: exaggeration, computeError: computeError)
    case .barnesHut(let g): g.evaluate(y, exaggeration: exaggeration, computeError: computeError)
    }
  }
}

/// Combines per-row sums `[attraction x, y, repulsion x, y, z]` into `Z = max(Σ z, ε)` and the
/// gradient `4·(exaggeration·attraction − repulsion / Z)`, summing `Z` in row order.
private func assembleGradient(_ sums: [Double], rows n: Int, exaggeration: Double) -> (
  z: Double, gradient: [Double]
) {
  var z = 0.0
  for i in 0..<n { z += sums[5 * i + 4] }
  z = max(z, Double.ulpOfOne)
  var gradient = [Double](repeating: 0, count: 2 * n)
  for i in 0..<n {
    gradient[2 * i] = 4 * (exaggeration * sums[5 * i] - sums[5 * i + 2] / z)
    gradient[2 * i + 1] = 4 * (exaggeration * sums[5 * i + 1] - sums[5 * i + 3] / z)
  }
  return (z, gradient)
}

/// The exact gradient `4 Σ_j (p_ij − q_ij)(1 + ‖y_i − y_j‖²)⁻¹ (y_i − y_j)` on dense affinities.
///
/// Each row is summed independently (all cores), as `Σ_j p_ij w_ij (y_i − y_j)` and
/// `Σ_j w_ij² (y_i − y_j)`, so that one pass gives both terms before `Z = Σ w_ij` is known.
struct ExactTSNEGradient: Sendable {
  let joint: [Double]  // n × n
  let rows: Int

  init(_ joint: [Double], rows: Int) {
    self.joint = joint
    self.rows = rows
  }

  func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool) -> (
    error: Double, gradient: [Double]
  ) {
    let n = rows
    let joint = joint
    let sums = concurrentChunks(count: n, minimumChunk: 32) { range in
      let p = joint.span
      let yy = y.span
      var out = [Double]()
      out.reserveCapacity(range.count * 5)
      for i in range {
        let xi = yy[2 * i]
        let yi = yy[2 * i + 1]
        var ax = 0.0
        var ay = 0.0
        var bx = 0.0
        var by = 0.0
        var z = 0.0
        let base = i * n
        for j in 0..<n where j != i {
          let dx = xi - yy[2 * j]
          let dy = yi - yy[2 * j + 1]
          let w = 1 / (1 + dx * dx + dy * dy)
          z += w
          let pw = p[base + j] * w
          ax += pw * dx
          ay += pw * dy
          let ww = w * w
          bx += ww * dx
          by += ww * dy
        }
        out.append(contentsOf: [ax, ay, bx, by, z])
      }
      return out
    }.flatMap { $0 }
    let (z, gradient) = assembleGradient(sums, rows: n, exaggeration: exaggeration)
    guard computeError else { return (.nan, gradient) }
    let partial = concurrentChunks(count: n, minimumChunk: 32) { range in
      let p = joint.span
      let yy = y.span
      var out = [Double]()
      for i in range {
        var s = 0.0
        for j in 0..<n where j != i {
          let dx = yy[2 * i] - yy[2 * j]
          let dy = yy[2 * i + 1] - yy[2 * j + 1]
          let q = max(1 / (1 + dx * dx + dy * dy) / z, Double.ulpOfOne)
          let pe = max(p[i * n + j] * exaggeration, Double.ulpOfOne)
          s += pe * log(pe / q)
        }
        out.append(s)
      }
      return out
    }.flatMap { $0 }
    var error = 0.0
    for v in partial { error += v }
    return (error, gradient)
  }
}

/// The Barnes–Hut gradient: attraction over the sparse affinities, repulsion from a quadtree.
struct BarnesHutTSNEGradient: Sendable {
  let affinities: SparseAffinities
  let squaredTheta: Double
  /// Per stored entry of ``affinities``: its value and its column, interleaved in 8 bytes, so
  /// that the attraction loop streams one array instead of two, and half as many bytes. The loop
  /// reads the whole matrix every iteration (about 120 entries per row: 4 MB at 4,260 rows) and
  /// waits on memory: with the value as a `Double` (16 bytes an entry), `tsne` on the example's
  /// customers took 2.97 s instead of 2.37 s. The value is rounded to `Float` for this: a
  /// relative error below 6e-8, far below the Barnes–Hut approximation's. The KL divergence
  /// reads the exact values.
  let entries: [AffinityEntry]

  struct AffinityEntry: Sendable {
    let value: Float
    let column: Int32
  }

  init(_ affinities: SparseAffinities, squaredTheta: Double) {
    self.affinities = affinities
    self.squaredTheta = squaredTheta
    entries = zip(affinities.columns, affinities.values).map {
      AffinityEntry(value: Float($1), column: Int32(truncatingIfNeeded: $0))
    }
  }

  /// `Σ_j p_ij (1 + ‖y_i − y_j‖²)⁻¹ (y_i − y_j)` over the row's `edges`, in two interleaved
  /// partial sums (even and odd entries), added at the end.
  @inline(__always)
  static func attraction(
    x xi: Double, y yi: Double, edges: UnsafeBufferPointer<AffinityEntry>,
    points yy: UnsafeBufferPointer<Double>
  ) -> (x: Double, y: Double) {
    var ax = SIMD2<Double>(repeating: 0)
    var ay = SIMD2<Double>(repeating: 0)
    var e = 0
    while e + 1 < edges.count {
      let j0 = Int(edges[e].column)
      let j1 = Int(edges[e + 1].column)
      let dx = SIMD2(xi - yy[2 * j0], xi - yy[2 * j1])
      let dy = SIMD2(yi - yy[2 * j0 + 1], yi - yy[2 * j1 + 1])
      let pw = SIMD2(Double(edges[e].value), Double(edges[e + 1].value)) / (1 + dx * dx + dy * dy)
      ax += pw * dx
      ay += pw * dy
      e += 2
    }
    if e < edges.count {
      let j = Int(edges[e].column)
      let dx = xi - yy[2 * j]
      let dy = yi - yy[2 * j + 1]
      let pw = Double(edges[e].value) / (1 + dx * dx + dy * dy)
      ax[0] += pw * dx
      ay[0] += pw * dy
    }
    return (ax[0] + ax[1], ay[0] + ay[1])
  }

  func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool) -> (
    error: Double, gradient: [Double]
  ) {
    let n = affinities.rowStart.count - 1
    let rowStart = affinities.rowStart
    let entries = entries
    let squaredTheta = squaredTheta
    // Each row's five sums land in its own slots of one buffer, so the tasks (fixed: 256 rows,
    // or 8 groups of the tree) and the cores that run them change nothing but the speed.
    //
    // First the tree is built (one task, serial) while the other tasks sum the attraction row by
    // row, in index order, so that the affinities stream from memory in the order they are
    // stored. Then the repulsion, group by group in the tree's leaf order.
    var sums = [Double](repeating: 0, count: 5 * n)
    sums.withSharedPointer { out in
      let rowChunks = RowChunks(rows: n, size: 256)
      let built = Parallel.map(1 + rowChunks.count) { task -> BarnesHutTree? in
        guard task > 0 else { return BarnesHutTree(y, count: n) }
        y.withUnsafeBufferPointer { yy in
          rowStart.withUnsafeBufferPointer { starts in
            entries.withUnsafeBufferPointer { edges in
              for i in rowChunks.range(task - 1) {
                let a = Self.attraction(
                  x: yy[2 * i], y: yy[2 * i + 1],
                  edges: UnsafeBufferPointer(rebasing: edges[starts[i]..<starts[i + 1]]),
                  points: yy)
                out[5 * i] = a.x
                out[5 * i + 1] = a.y
              }
            }
          }
        }
        return nil
      }
      // The map returns every task's result in task order: the first is the tree.
      let tree = built.first.flatMap { $0 } ?? BarnesHutTree(y, count: n)
      let groupChunks = RowChunks(rows: tree.groups.count, size: 8)
      RowChunks.run(groupChunks.count) { task in
        let list = InteractionList()
        y.withUnsafeBufferPointer { yy in
          tree.order.withUnsafeBufferPointer { order in
            for g in groupChunks.range(task) {
              let group = tree.groups[g]
              list.collect(tree, group: group, y: yy, squaredTheta: squaredTheta)
              for p in group {
                let i = order[p]
                let r = list.repulsion(x: yy[2 * i], y: yy[2 * i + 1])
                out[5 * i + 2] = r.forceX
                out[5 * i + 3] = r.forceY
                out[5 * i + 4] = r.z
              }
            }
          }
        }
      }
    }
    let (z, gradient) = assembleGradient(sums, rows: n, exaggeration: exaggeration)
    guard computeError else { return (.nan, gradient) }
    let tiny = Double(Float.leastNormalMagnitude)
    var error = 0.0
    for i in 0..<n {
      for e in affinities.rowStart[i]..<affinities.rowStart[i + 1] {
        let j = affinities.columns[e]
        let dx = y[2 * i] - y[2 * j]
        let dy = y[2 * i + 1] - y[2 * j + 1]
        let q = 1 / (1 + dx * dx + dy * dy) / z
        let p = affinities.values[e] * exaggeration
        error += p * log(max(p, tiny) / max(q, tiny))
      }
    }
    return (error, gradient)
  }
}

/// scikit-learn's `_gradient_descent`: momentum with per-coordinate gains (+0.2 when the step
/// keeps its direction, ×0.8 otherwise, at least 0.01).
struct TSNEGradientDescent {
  let learningRate: Double
  static let checkInterval = 50
  static let minimumGradientNorm = 1e-7

  init(learningRate: Double) { self.learningRate = learningRate }

  /// Runs iterations `start..<end`.
  ///
  /// Returns the last error computed and the last iteration run.
  /// Update and gains restart at each call, as in scikit-learn.
  func run(
    _ y: inout [Double], _ objective: TSNEObjective, exaggeration: Double, from start: Int,
    to end: Int, momentum: Double, patience: Int, cancellation: CancellationToken = .never
  ) -> (error: Double, last: Int) {
    var update = [Double](repeating: 0, count: y.count)
    var gains = [Double](repeating: 1, count: y.count)
    var error = Double.greatestFiniteMagnitude
    var bestError = Double.greatestFiniteMagnitude
    var bestIteration = start
    var i = start
    var iteration = start
    while iteration < end {
      if cancellation.isCancelled { break }
      i = iteration
      let check = (iteration + 1) % Self.checkInterval == 0
      let (e, g) = objective.evaluate(
        y, exaggeration: exaggeration, computeError: check || iteration == end - 1)
      error = e
      var gradient = g
      var squaredNorm = 0.0
      for c in y.indices {
        if update[c] * gradient[c] < 0 {
          gains[c] += 0.2
        } else {
          gains[c] *= 0.8
        }
        if gains[c] < 0.01 { gains[c] = 0.01 }
        gradient[c] *= gains[c]
        update[c] = momentum * update[c] - learningRate * gradient[c]
        y[c] += update[c]
        squaredNorm += gradient[c] * gradient[c]
      }
      if check {
        if error < bestError {
          bestError = error
          bestIteration = iteration
        } else if iteration - bestIteration > patience {
          break
        }
        if squaredNorm.squareRoot() <= Self.minimumGradientNorm { break }
      }
      iteration += 1
    }
    return (error, i)
  }
}
