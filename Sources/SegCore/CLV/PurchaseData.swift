/// The calibration data a buy-till-you-die model is fitted to, compressed: customers with equal
/// repeat purchases `x`, recency `t_x` and age `T` form one group weighted by its size, so that a
/// likelihood is a weighted sum over groups instead of a sum over customers.
///
/// At a day or week unit a large cohort has far fewer distinct (x, t_x, T) triples than
/// customers (the times are whole days). Groups are in ascending (x, t_x, T) order whatever the
/// customers' order, and are summed in fixed chunks (``RowChunks``) combined in chunk order, so
/// a likelihood does not depend on the input order or the number of cores. The distinct time
/// values are listed once (``times``) so that `log(α + t)` is computed once per value and
/// evaluation.
struct PurchaseData: Sendable {
  /// Per group: repeat purchases, recency, age and the number of customers.
  var x: [Double]
  var tx: [Double]
  var age: [Double]
  var weight: [Double]
  /// Per group: `Int(x)`, and the positions of `t_x` and `T` in ``times``.
  var counts: [Int]
  var recencyIndex: [Int32]
  var ageIndex: [Int32]
  /// The distinct values of t_x and T, ascending.
  var times: [Double]
  /// Customers per repeat count `x` (index), for the terms that depend on x alone.
  var customersByCount: [Int]
  /// The number of customers (the sum of the weights).
  var customers: Int

  init(x allX: [Double], tx allTx: [Double], age allAge: [Double]) {
    let n = min(allX.count, allTx.count, allAge.count)
    customers = n
    // Distinct times, and each customer's positions among them.
    var distinct = Array(Set(allTx[0..<n]).union(allAge[0..<n]))
    distinct.sort()
    times = distinct
    var position: [Double: Int32] = [:]
    position.reserveCapacity(distinct.count)
    for (k, t) in distinct.enumerated() { position[t] = Int32(k) }
    let allCounts = allX[0..<n].map { $0 >= 0 && $0 < 1e9 ? Int($0) : 0 }
    let txIndex = allTx[0..<n].map { position[$0] ?? 0 }
    let ageIdx = allAge[0..<n].map { position[$0] ?? 0 }
    // The (x, t_x, T) triples in order, each with its number of customers: packed into one
    // integer and sorted when they fit (times are whole days, so there are few distinct ones),
    // else sorted as tuples.
    var triples: [(count: Int, tx: Int32, age: Int32, customers: Int)] = []
    let timeBits = 21
    if distinct.count < 1 << timeBits && (allCounts.max() ?? 0) < 1 << 21 {
      var keys = (0..<n).map {
        UInt64(allCounts[$0]) << (2 * timeBits) | UInt64(txIndex[$0]) << timeBits
          | UInt64(ageIdx[$0])
      }
      keys.sort()
      let mask = UInt64(1 << timeBits - 1)
      var k = 0
      while k < n {
        let key = keys[k]
        var end = k + 1
        while end < n && keys[end] == key { end += 1 }
        triples.append(
          (Int(key >> (2 * UInt64(timeBits))), Int32(key >> UInt64(timeBits) & mask),
           Int32(key & mask), end - k))
        k = end
      }
    } else {
      let order = (0..<n).sorted {
        (allCounts[$0], txIndex[$0], ageIdx[$0]) < (allCounts[$1], txIndex[$1], ageIdx[$1])
      }
      for i in order {
        if let last = triples.last, last.count == allCounts[i], last.tx == txIndex[i],
          last.age == ageIdx[i]
        {
          triples[triples.count - 1].customers += 1
        } else {
          triples.append((allCounts[i], txIndex[i], ageIdx[i], 1))
        }
      }
    }
    x = triples.map { Double($0.count) }
    tx = triples.map { distinct[Int($0.tx)] }
    age = triples.map { distinct[Int($0.age)] }
    weight = triples.map { Double($0.customers) }
    counts = triples.map(\.count)
    recencyIndex = triples.map(\.tx)
    ageIndex = triples.map(\.age)
    customersByCount = [Int](repeating: 0, count: (allCounts.max() ?? 0) + 1)
    for c in allCounts { customersByCount[c] += 1 }
  }

  /// The number of groups.
  var count: Int { x.count }
  /// Groups per chunk: chunks are summed separately (concurrently) and combined in order.
  static let chunkSize = 8_192
  /// The groups in fixed chunks.
  var chunks: RowChunks { RowChunks(rows: count, size: PurchaseData.chunkSize) }

  /// `f(times[k])` for every distinct time, computed in fixed chunks.
  func overTimes(_ f: @Sendable (Double) -> Double) -> [Double] {
    let times = self.times
    return RowChunks(rows: times.count, size: PurchaseData.chunkSize).map { range in
      range.map { f(times[$0]) }
    }.flatMap { $0 }
  }
}
