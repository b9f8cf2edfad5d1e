internal import Foundation

/// The labels of a small k-means used only to start Gaussian mixtures.
///
/// scikit-learn starts them from `KMeans(n_init=1)` labels; this is greedy k-means++ seeding
/// with `2 + ⌊ln k⌋` candidates per step, then Lloyd iterations until no label changes (at most
/// 300). Empty clusters keep their centre.
///
/// Private to the mixture code on purpose; the general k-means lives elsewhere in SegCore.
func seedingKMeansLabels(_ m: PointMatrix, k: Int, using generator: inout SeededGenerator) -> [Int]
{
  let n = m.rows
  let d = m.cols
  let x = m.values
  var centres = [Double]()
  centres.reserveCapacity(k * d)
  let first = generator.nextInt(below: n)
  centres.append(contentsOf: x[(first * d)..<((first + 1) * d)])
  var closest = (0..<n).map { m.squaredDistance($0, first) }
  let trials = 2 + Int(log(Double(k)))
  for _ in 1..<k {
    let total = closest.reduce(0, +)
    var bestCandidate = 0
    var bestPotential = Double.infinity
    var bestClosest = closest
    for _ in 0..<trials {
      // Draw proportionally to the squared distance to the nearest centre so far.
      var candidate = n - 1
      if total > 0 {
        var target = generator.nextUnitDouble() * total
        for i in 0..<n {
          target -= closest[i]
          if target < 0 {
            candidate = i
            break
          }
        }
      } else {
        candidate = generator.nextInt(below: n)
      }
      var updated = closest
      var potential = 0.0
      for i in 0..<n {
        let dist = m.squaredDistance(i, candidate)
        if dist < updated[i] { updated[i] = dist }
        potential += updated[i]
      }
      if potential < bestPotential {
        bestPotential = potential
        bestCandidate = candidate
        bestClosest = updated
      }
    }
    centres.append(contentsOf: x[(bestCandidate * d)..<((bestCandidate + 1) * d)])
    closest = bestClosest
  }

  var labels = [Int](repeating: -1, count: n)
  let points = m
  for _ in 0..<300 {
    var changed = false
    for i in 0..<n {
      let l = nearestCentroid(points, row: i, centroids: centres, count: k)
      if l != labels[i] {
        labels[i] = l
        changed = true
      }
    }
    if !changed { break }
    let means = clusterMeans(points, labels: labels, count: k)
    var sizes = [Int](repeating: 0, count: k)
    for l in labels { sizes[l] += 1 }
    for c in 0..<k where sizes[c] > 0 {
      for j in 0..<d { centres[c * d + j] = means[c * d + j] }
    }
  }
  return labels
}
