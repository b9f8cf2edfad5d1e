#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How one assignment pass treats each point.
enum AssignmentMode: Sendable {
  /// Labels are unknown: scan every centre.
  case initial
  /// Hamerly's bounds: scan every centre only when the bounds cannot prove the current one is
  /// still nearest.
  case bounded
  /// Plain Lloyd: scan every centre for every point (the reference the bounded pass must match).
  case full
  /// Keep the labels; only recompute the inertia against the current centres.
  case inertiaOnly
}

/// The outcome of one k-means run from one set of initial centres.
struct KMeansRun: Sendable {
  var labels: [Int32]
  var centers: [Double]
  var inertia: Double
  var iterations: Int
  var converged: Bool
  var history: [Double]
}

/// The numeric kernel of k-means: k-means++ seeding and Lloyd iterations accelerated with
/// Hamerly's bounds, over fixed row chunks so that results do not depend on the thread count.
///
/// One engine serves every restart of one fit; its buffers are allocated once and released by
/// ``release()``. All raw memory of k-means lives here, behind ``SharedPointer``.
///
/// The iteration mirrors scikit-learn's `_kmeans_single_lloyd`: assign, accumulate, relocate
/// empty clusters to the points farthest from their centres, average; stop on unchanged labels
/// (strict convergence) or when the summed squared centre shift is at most `tol`; after a
/// non-strict stop, relabel against the final centres. Hamerly's test keeps a point's label when
/// its distance to its centre is at most `max(s(a), l)`, where `s(a)` is half the distance from
/// its centre to the nearest other centre and `l` a lower bound on the distance to every other
/// centre; the labels are those of plain Lloyd (ties aside).
struct KMeansEngine {
  let n: Int
  let d: Int
  let k: Int
  let chunks: RowChunks
  let x: SharedPointer<Double>

  // Per point.
  let labels: SharedPointer<Int32>
  let lower: SharedPointer<Double>
  let closest: SharedPointer<Double>
  /// Per point, a pass's squared distance to the point's centre; and per chunk, the rows whose
  /// bounds failed in a bounded pass (a chunk writes only its own rows).
  let distance: SharedPointer<Double>
  let pending: SharedPointer<Int32>
  /// Per chunk, `d` vectors: the features of the four rows ``rescan(_:count:lanes:d:)`` scans.
  let lanes: SharedPointer<SIMD4<Double>>
  // Per centre.
  let centers: SharedPointer<Double>
  let newCenters: SharedPointer<Double>
  let halfMin: SharedPointer<Double>
  let moved: SharedPointer<Double>
  let counts: SharedPointer<Int>
  // Per chunk.
  let partialSums: SharedPointer<Double>
  let partialCounts: SharedPointer<Int>
  let chunkInertia: SharedPointer<Double>
  let chunkChanged: SharedPointer<Int>
  let trialTotals: SharedPointer<Double>
  let partialUtility: SharedPointer<Double>
  let maxTrials: Int
  /// Asked before every Lloyd iteration and jump; a run that it stops returns early, and the
  /// caller, seeing ``wasCancelled``, throws instead of using it.
  let cancellation: CancellationToken

  /// Whether the token said stop (tokens stay cancelled once they are).
  var wasCancelled: Bool { cancellation.isCancelled }

  /// Allocates the buffers for `n × d` data at `x` (read only) and `k` centres.
  init(
    x: SharedPointer<Double>, n: Int, d: Int, k: Int, chunkSize: Int = RowChunks.defaultSize,
    cancellation: CancellationToken = .never
  ) {
    self.cancellation = cancellation
    self.n = n
    self.d = d
    self.k = k
    self.x = x
    chunks = RowChunks(rows: n, size: chunkSize)
    let c = max(chunks.count, 1)
    maxTrials = 2 + Int(log(Double(max(k, 1))))
    labels = .allocate(n, value: -1)
    lower = .allocate(n, value: 0)
    closest = .allocate(n, value: 0)
    distance = .allocate(n, value: 0)
    pending = .allocate(n, value: 0)
    lanes = .allocate(c * d, value: .zero)
    centers = .allocate(k * d, value: 0)
    newCenters = .allocate(k * d, value: 0)
    halfMin = .allocate(k, value: 0)
    moved = .allocate(k, value: 0)
    counts = .allocate(k, value: 0)
    partialSums = .allocate(c * k * d, value: 0)
    partialCounts = .allocate(c * k, value: 0)
    chunkInertia = .allocate(c, value: 0)
    chunkChanged = .allocate(c, value: 0)
    trialTotals = .allocate(c * maxTrials, value: 0)
    partialUtility = .allocate(c * k * 2, value: 0)
  }

  func release() {
    labels.deallocate()
    lower.deallocate()
    closest.deallocate()
    distance.deallocate()
    pending.deallocate()
    lanes.deallocate()
    centers.deallocate()
    newCenters.deallocate()
    halfMin.deallocate()
    moved.deallocate()
    counts.deallocate()
    partialSums.deallocate()
    partialCounts.deallocate()
    chunkInertia.deallocate()
    chunkChanged.deallocate()
    trialTotals.deallocate()
    partialUtility.deallocate()
  }

  // MARK: - Distances

  @inline(__always)
  static func squaredDistance(
    _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ d: Int
  )
    -> Double
  {
    var s = 0.0
    for f in 0..<d {
      let t = a[f] - b[f]
      s += t * t
    }
    return s
  }

  /// The nearest centre (first on ties, as scikit-learn) and the two smallest squared distances.
  @inline(__always)
  static func nearestTwo(
    _ xi: UnsafeMutablePointer<Double>, _ c: UnsafeMutablePointer<Double>, k: Int, d: Int
  ) -> (index: Int, first: Double, second: Double) {
    // Branch-free selects: which centre wins is data-dependent and mispredicts often, while the
    // selects give exactly the values of `if s < d1 { ... } else if s < d2 { ... }`.
    var best = 0
    var d1 = Double.infinity
    var d2 = Double.infinity
    for j in 0..<k {
      let s = squaredDistance(xi, c + j * d, d)
      let isNearer = s < d1
      d2 = isNearer ? d1 : (s < d2 ? s : d2)
      d1 = isNearer ? s : d1
      best = isNearer ? j : best
    }
    return (best, d1, d2)
  }

  /// ``nearestTwo(_:_:k:d:)`` of four rows at once, one row per SIMD lane: `lanes[f]` holds
  /// feature `f` of the four rows. The sums and strict comparisons are those of the scalar
  /// version, so each lane's values are identical to it; the four comparison chains run side by
  /// side instead of one after another.
  @inline(__always)
  static func nearestTwo4(
    _ lanes: UnsafeMutablePointer<SIMD4<Double>>, _ c: UnsafeMutablePointer<Double>, k: Int,
    d: Int
  ) -> (index: SIMD4<Int64>, first: SIMD4<Double>, second: SIMD4<Double>) {
    var best = SIMD4<Int64>(repeating: 0)
    var d1 = SIMD4<Double>(repeating: .infinity)
    var d2 = SIMD4<Double>(repeating: .infinity)
    for j in 0..<k {
      let cj = c + j * d
      var s = SIMD4<Double>.zero
      for f in 0..<d {
        let t = lanes[f] - SIMD4(repeating: cj[f])
        s += t * t
      }
      let isNearer = s .< d1
      d2.replace(with: s, where: s .< d2)
      d2.replace(with: d1, where: isNearer)
      d1.replace(with: s, where: isNearer)
      best.replace(with: Int64(j), where: isNearer)
    }
    return (best, d1, d2)
  }

  /// Rescans every centre for the rows `rows[0..<count]`: their label, the distance bound to the
  /// second-nearest centre and their squared distance go to ``labels``, ``lower`` and
  /// ``distance``; returns how many labels changed. Four rows at a time, the last few one by one.
  @inline(__always)
  func rescan(
    _ rows: (Int) -> Int, count: Int, lanes: UnsafeMutablePointer<SIMD4<Double>>, d: Int
  ) -> Int {
    let (k, x, cb) = (self.k, self.x.base, self.centers.base)
    let (labels, lower, distance) = (self.labels.base, self.lower.base, self.distance.base)
    var changed = 0
    var p = 0
    while p + 4 <= count {
      let r = (rows(p), rows(p + 1), rows(p + 2), rows(p + 3))
      for f in 0..<d {
        lanes[f] = SIMD4(x[r.0 * d + f], x[r.1 * d + f], x[r.2 * d + f], x[r.3 * d + f])
      }
      let nearest = KMeansEngine.nearestTwo4(lanes, cb, k: k, d: d)
      let second = nearest.second.squareRoot()
      for lane in 0..<4 {
        let i = rows(p + lane)
        let a = Int32(truncatingIfNeeded: nearest.index[lane])
        if a != labels[i] { changed += 1 }
        labels[i] = a
        lower[i] = second[lane]
        distance[i] = nearest.first[lane]
      }
      p += 4
    }
    while p < count {
      let i = rows(p)
      let nearest = KMeansEngine.nearestTwo(x + i * d, cb, k: k, d: d)
      if Int32(nearest.index) != labels[i] { changed += 1 }
      labels[i] = Int32(nearest.index)
      lower[i] = nearest.second.squareRoot()
      distance[i] = nearest.first
      p += 1
    }
    return changed
  }

  // MARK: - Lloyd / Hamerly

  /// Runs k-means from the centres already in ``centers``.
  func run(maxIterations: Int, tolerance tol: Double, useBounds: Bool) -> KMeansRun {
    for i in 0..<n { labels[i] = -1 }
    var history = [Double]()
    history.reserveCapacity(min(maxIterations, 512))
    var mode = AssignmentMode.initial
    var strict = false
    var converged = false
    var iterations = 0
    var anyMoved = true
    for it in 0..<maxIterations {
      if cancellation.isCancelled { break }
      iterations = it + 1
      let (inertia, changed) = pass(mode, accumulate: true)
      history.append(inertia)
      mode = useBounds ? .bounded : .full
      let shift = update()
      anyMoved = shift > 0
      if changed == 0 {
        strict = true
        converged = true
        break
      }
      if shift <= tol {
        converged = true
        break
      }
    }
    let inertia: Double
    if strict && !anyMoved, let last = history.last {
      inertia = last
    } else if strict {
      inertia = pass(.inertiaOnly, accumulate: false).inertia
    } else {
      inertia = pass(mode, accumulate: false).inertia
    }
    return KMeansRun(
      labels: labels.array(n), centers: centers.array(k * d), inertia: inertia,
      iterations: iterations, converged: converged, history: history)
  }

  /// One assignment pass over all chunks; returns the inertia of the resulting labels against the
  /// current centres and how many labels changed.
  @discardableResult
  func pass(_ mode: AssignmentMode, accumulate: Bool) -> (inertia: Double, changed: Int) {
    let (d, k) = (self.d, self.k)
    // The largest and second-largest centre movements since the last pass, for the lower bounds.
    var maxMoved = 0.0
    var maxIndex = -1
    var secondMoved = 0.0
    for j in 0..<k {
      let m = moved[j]
      if m > maxMoved {
        secondMoved = maxMoved
        maxMoved = m
        maxIndex = j
      } else if m > secondMoved {
        secondMoved = m
      }
    }
    let (x, labels, lower, centers, halfMin, distance, pending, lanes) = (
      self.x, self.labels, self.lower, self.centers, self.halfMin, self.distance, self.pending,
      self.lanes
    )
    let (partialSums, partialCounts, chunkInertia, chunkChanged) = (
      self.partialSums, self.partialCounts, self.chunkInertia, self.chunkChanged
    )
    let chunks = self.chunks
    let maxIndex32 = Int32(truncatingIfNeeded: maxIndex)
    let (largestMove, secondLargestMove) = (maxMoved, secondMoved)
    let engine = self
    chunks.forEach { c in
      FeatureWidth.with(d) { d in
        let range = chunks.range(c)
        let cb = centers.base
        // Raw pointers in the loops: SharedPointer's subscripts are not always inlined.
        let (labels, lower, distance, halfMin) = (
          labels.base, lower.base, distance.base, halfMin.base
        )
        // 1. Each row's label and squared distance: kept when the bounds prove the label, else
        // the rows are rescanned against every centre, four at a time.
        var changed = 0
        switch mode {
        case .initial, .full:
          changed = engine.rescan(
            { range.lowerBound + $0 }, count: range.count, lanes: lanes.base + c * d, d: d)
        case .bounded:
          var count = 0
          let rows = pending.base + range.lowerBound
          for i in range {
            let a = labels[i]
            let ai = Int(a)
            let l = lower[i] - (a == maxIndex32 ? secondLargestMove : largestMove)
            // max(halfMin, l) spelled out: a call here would spill the loop's registers.
            let h = halfMin[ai]
            let m = l >= h ? l : h
            let own = KMeansEngine.squaredDistance(x.base + i &* d, cb + ai &* d, d)
            // Branch-free: whether a row keeps its label is data-dependent and mispredicts.
            // A rescanned row's lower bound and distance are overwritten by the rescan.
            let fails = (m > 0 ? 0 : 1) | (own <= m * m ? 0 : 1)
            lower[i] = l
            distance[i] = own
            rows[count] = Int32(truncatingIfNeeded: i)
            count &+= fails
          }
          changed = engine.rescan(
            { Int(rows[$0]) }, count: count, lanes: lanes.base + c * d, d: d)
        case .inertiaOnly:
          for i in range {
            distance[i] = KMeansEngine.squaredDistance(x.base + i * d, cb + Int(labels[i]) * d, d)
          }
        }
        // 2. The inertia and the cluster sums, in row order.
        let sums = partialSums.base + c * k * d
        let cnt = partialCounts.base + c * k
        if accumulate {
          sums.update(repeating: 0, count: k * d)
          cnt.update(repeating: 0, count: k)
        }
        var inertia = 0.0
        for i in range {
          inertia += distance[i]
          if accumulate {
            let ai = Int(labels[i])
            cnt[ai] += 1
            let s = sums + ai * d
            let xi = x.base + i * d
            for f in 0..<d { s[f] += xi[f] }
          }
        }
        chunkInertia[c] = inertia
        chunkChanged[c] = changed
      }
    }
    var inertia = 0.0
    var changed = 0
    for c in 0..<chunks.count {
      inertia += chunkInertia[c]
      changed += chunkChanged[c]
    }
    // The bounds now account for every movement so far.
    for j in 0..<k { moved[j] = 0 }
    return (inertia, changed)
  }

  /// Recomputes the centres from the partial sums of the last pass (relocating empty clusters as
  /// scikit-learn does), records how far each centre moved, and returns the summed squared shift.
  func update() -> Double {
    for j in 0..<k { counts[j] = 0 }
    for j in 0..<(k * d) { newCenters[j] = 0 }
    for c in 0..<chunks.count {
      let sums = partialSums.base + c * k * d
      let cnt = partialCounts.base + c * k
      for j in 0..<k { counts[j] += cnt[j] }
      for t in 0..<(k * d) { newCenters[t] += sums[t] }
    }
    relocateEmptyClusters()
    var shift = 0.0
    for j in 0..<k {
      let nc = newCenters.base + j * d
      if counts[j] > 0 {
        let alpha = 1.0 / Double(counts[j])
        for f in 0..<d { nc[f] *= alpha }
      }
      let s = Self.squaredDistance(nc, centers.base + j * d, d)
      moved[j] = s.squareRoot()
      shift += s
    }
    centers.base.update(from: newCenters.base, count: k * d)
    updateHalfMinimumDistances()
    return shift
  }

  /// Gives every empty cluster the point farthest from its centre (largest first, lowest row on
  /// ties), taking it out of its own cluster's sum; labels are left for the next pass to fix.
  func relocateEmptyClusters() {
    var empty = [Int]()
    for j in 0..<k where counts[j] == 0 { empty.append(j) }
    guard !empty.isEmpty else { return }
    // The farthest points, by a bounded selection over one serial pass (empty clusters are rare).
    var far = [(distance: Double, row: Int)]()
    for i in 0..<n {
      let a = Int(labels[i])
      let dist = Self.squaredDistance(x.base + i * d, centers.base + a * d, d)
      if far.count < empty.count || dist > far[far.count - 1].distance {
        far.append((dist, i))
        far.sort { $0.distance > $1.distance || ($0.distance == $1.distance && $0.row < $1.row) }
        if far.count > empty.count { far.removeLast() }
      }
    }
    for (t, j) in empty.enumerated() where t < far.count {
      let row = far[t].row
      let old = Int(labels[row])
      let xi = x.base + row * d
      for f in 0..<d {
        newCenters[old * d + f] -= xi[f]
        newCenters[j * d + f] = xi[f]
      }
      counts[j] = 1
      counts[old] -= 1
    }
  }

  /// `halfMin[j]` = half the distance from centre `j` to its nearest other centre.
  func updateHalfMinimumDistances() {
    for j in 0..<k { halfMin[j] = .infinity }
    for j in 0..<k {
      for j2 in (j + 1)..<max(k, j + 1) {
        let s =
          Self.squaredDistance(centers.base + j * d, centers.base + j2 * d, d).squareRoot() / 2
        if s < halfMin[j] { halfMin[j] = s }
        if s < halfMin[j2] { halfMin[j2] = s }
      }
    }
  }

  /// Copies `initial` (k × d, row-major) into the centres and resets the bounds state.
  func setCenters(_ initial: [Double]) {
    for t in 0..<(k * d) { centers[t] = initial[t] }
    resetBounds()
  }

  /// Forgets centre movements and recomputes the centre separations (after new centres).
  func resetBounds() {
    for j in 0..<k { moved[j] = 0 }
    updateHalfMinimumDistances()
  }

  // MARK: - k-means++

  /// Greedy k-means++ seeding as scikit-learn's `_kmeans_plusplus`: the first centre uniformly at
  /// random, then each next one the best of `2 + ⌊ln k⌋` candidates drawn with probability
  /// proportional to the squared distance to the nearest chosen centre, "best" meaning the one
  /// that leaves the smallest total squared distance. Writes into ``centers``.
  ///
  /// - Returns: `nil` on success, or the number of distinct points when fewer than `k` exist.
  func seedPlusPlus(using generator: inout SeededGenerator) -> Int? {
    let trials = maxTrials
    let first = generator.nextInt(below: n)
    copyRow(first, toCenter: 0)
    var pot = updateClosest(center: 0, initial: true)
    var candidates = [Int](repeating: 0, count: trials)
    for c in 1..<k {
      guard pot > 0 else { return c }
      for t in 0..<trials {
        candidates[t] = sampleIndex(generator.nextUnitDouble() * pot)
      }
      let best = bestCandidate(candidates)
      copyRow(candidates[best], toCenter: c)
      pot = updateClosest(center: c, initial: false)
    }
    return nil
  }

  private func copyRow(_ row: Int, toCenter j: Int) {
    for f in 0..<d { centers[j * d + f] = x[row * d + f] }
  }

  /// `closest[i] = min(closest[i], ‖x_i − c_j‖²)` (or just the distance when `initial`); returns
  /// the total, summed per chunk and then in chunk order.
  private func updateClosest(center j: Int, initial: Bool) -> Double {
    let (d, x, closest, chunkInertia, chunks) = (
      self.d, self.x, self.closest, self.chunkInertia, self.chunks
    )
    let cj = centers.base + j * d
    let center = SharedPointer(cj)
    chunks.forEach { c in
      FeatureWidth.with(d) { d in
        var total = 0.0
        for i in chunks.range(c) {
          let s = KMeansEngine.squaredDistance(x.base + i * d, center.base, d)
          let v = initial ? s : min(closest[i], s)
          closest[i] = v
          total += v
        }
        chunkInertia[c] = total
      }
    }
    var pot = 0.0
    for c in 0..<chunks.count { pot += chunkInertia[c] }
    return pot
  }

  /// The first row whose running sum of `closest` exceeds `target` (rows with zero weight are
  /// never chosen).
  private func sampleIndex(_ target: Double) -> Int {
    var acc = 0.0
    var c = 0
    while c < chunks.count && acc + chunkInertia[c] <= target {
      acc += chunkInertia[c]
      c += 1
    }
    var i = c < chunks.count ? chunks.range(c).lowerBound : n
    while i < n {
      acc += closest[i]
      if acc > target && closest[i] > 0 { return i }
      i += 1
    }
    // Rounding left the target unreached: take the last row with positive weight.
    var last = n - 1
    while last > 0 && !(closest[last] > 0) { last -= 1 }
    return last
  }

  /// The candidate whose addition leaves the smallest potential (first on ties).
  private func bestCandidate(_ candidates: [Int]) -> Int {
    let (d, x, closest, trialTotals, chunks) = (
      self.d, self.x, self.closest, self.trialTotals, self.chunks
    )
    let trials = candidates.count
    var rows = candidates
    rows.withSharedPointer { cand in
      chunks.forEach { c in
        FeatureWidth.with(d) { d in
          for t in 0..<trials {
            let ct = x.base + cand[t] * d
            var total = 0.0
            for i in chunks.range(c) {
              total += min(closest[i], KMeansEngine.squaredDistance(x.base + i * d, ct, d))
            }
            trialTotals[c * trials + t] = total
          }
        }
      }
    }
    var best = 0
    var bestPot = Double.infinity
    for t in 0..<trials {
      var pot = 0.0
      for c in 0..<chunks.count { pot += trialTotals[c * trials + t] }
      if pot < bestPot {
        bestPot = pot
        best = t
      }
    }
    return best
  }

  // MARK: - Non-local jumps (k-means-u*)

  /// Labels every row by its nearest centre and returns, per cluster, its utility (how much the
  /// inertia would grow if its centre were removed: the sum of `d₂² − d₁²` over its rows), its
  /// SSE and its size.
  func utilities() -> (utility: [Double], sse: [Double], sizes: [Int]) {
    let (d, k, x, labels, centers, partialUtility, partialCounts, chunks) = (
      self.d, self.k, self.x, self.labels, self.centers, self.partialUtility, self.partialCounts,
      self.chunks
    )
    chunks.forEach { c in
      FeatureWidth.with(d) { d in
        let u = partialUtility.base + c * k * 2
        let cnt = partialCounts.base + c * k
        u.update(repeating: 0, count: k * 2)
        cnt.update(repeating: 0, count: k)
        for i in chunks.range(c) {
          let r = KMeansEngine.nearestTwo(x.base + i * d, centers.base, k: k, d: d)
          labels[i] = Int32(r.index)
          u[r.index * 2] += r.second - r.first
          u[r.index * 2 + 1] += r.first
          cnt[r.index] += 1
        }
      }
    }
    var utility = [Double](repeating: 0, count: k)
    var sse = [Double](repeating: 0, count: k)
    var sizes = [Int](repeating: 0, count: k)
    for c in 0..<chunks.count {
      for j in 0..<k {
        utility[j] += partialUtility[c * k * 2 + j * 2]
        sse[j] += partialUtility[c * k * 2 + j * 2 + 1]
        sizes[j] += partialCounts[c * k + j]
      }
    }
    return (utility, sse, sizes)
  }

  /// Improves a converged run by non-local jumps (Fritzke's k-means-u*, 2017): move the centre
  /// whose removal costs least onto a random row of the cluster with the largest SSE, rerun
  /// Lloyd, and keep the result if the inertia drops. Stops after `retries` failed jumps in a row
  /// (retries alternate between the two least useful centres and walk down the clusters by SSE;
  /// a gain below 1e-6 relative is kept but counts as a failure). A jump's Lloyd run is first capped at
  /// `trialIterations`; only a jump that already beats the best inertia then runs to convergence.
  func refine(
    _ run: KMeansRun, retries: Int, maxIterations: Int, tolerance: Double,
    trialIterations: Int = 5, using generator: inout SeededGenerator
  ) -> KMeansRun {
    guard retries > 0, k >= 2 else { return run }
    var best = run
    var fails = 0
    var jumps = 0
    var cached: (utility: [Double], sse: [Double], sizes: [Int])?
    while fails < retries && jumps < 4 * k + retries {
      if cancellation.isCancelled { break }
      jumps += 1
      if cached == nil {
        setCenters(best.centers)
        cached = utilities()
      }
      guard let (utility, sse, sizes) = cached else { break }
      // Attempt i pairs one of the two least useful centres (alternating) with the clusters in
      // decreasing SSE order: (u₀, s₀), (u₁, s₀'), (u₀, s₁), (u₁, s₁'), ...
      let byUtility = (0..<k).sorted {
        utility[$0] < utility[$1] || (utility[$0] == utility[$1] && $0 < $1)
      }
      let removed = byUtility[fails % min(2, k)]
      let targets = (0..<k).filter { $0 != removed }.sorted {
        sse[$0] > sse[$1] || (sse[$0] == sse[$1] && $0 < $1)
      }
      let target = targets[(fails / min(2, k)) % targets.count]
      guard sizes[target] > 1 else {
        fails += 1
        continue
      }
      // A random row of the target cluster (best.labels are nearest-centre labels of best).
      var pick = generator.nextInt(below: sizes[target])
      var row = 0
      for (i, l) in best.labels.enumerated() where Int(l) == target {
        if pick == 0 {
          row = i
          break
        }
        pick -= 1
      }
      var moved = best.centers
      for f in 0..<d { moved[removed * d + f] = x[row * d + f] }
      setCenters(moved)
      let cap = min(maxIterations, trialIterations)
      var trial = self.run(maxIterations: cap, tolerance: tolerance, useBounds: true)
      if trial.inertia < best.inertia * (1 - 1e-12) {
        if !trial.converged && cap < maxIterations {
          setCenters(trial.centers)
          trial = self.run(
            maxIterations: maxIterations - cap, tolerance: tolerance, useBounds: true)
        }
        // Only a real improvement earns more attempts; a re-convergence of the same solution
        // (a relative gain below 1e-6) is kept but counts as a failure.
        let gain = (best.inertia - trial.inertia) / best.inertia
        best = trial
        cached = nil
        fails = gain > 1e-6 ? 0 : fails + 1
      } else {
        fails += 1
      }
    }
    return best
  }
}
