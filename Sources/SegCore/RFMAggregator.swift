/// The per-customer sums of one partition of the customers, accumulated in row order.
///
/// Customers are split into partitions by a hash of their id; each partition scans every row
/// and keeps only its own customers. Each customer's sums therefore run in row order whatever
/// the number of partitions, so the result is identical on any number of cores.
struct RFMPartition: Sendable {
  var keys: [Int64] = []
  var firstPurchase: [Int64] = []
  var lastPurchase: [Int64] = []
  var frequency: [Int64] = []
  var purchaseLines: [Int64] = []
  var gross: [Double] = []
  var returned: [Double] = []
  var returnLines: [Int64] = []
  var itemsInteger: [Int64] = []
  var itemsDecimal: [Double] = []
  var products: [Int64] = []
  /// `affinity[customer * groups + slot]`.
  var affinity: [Double] = []

  var rowsWithoutCustomer = 0
  var rowsWithoutDate = 0
  var rowsAfterAsOf = 0
  var rowsWithMissingValues = 0
  var purchaseLineCount = 0
  var returnLineCount = 0
  var otherLineCount = 0

  @inline(__always) static func partition(of key: Int64, among count: Int) -> Int {
    var h = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 29
    return Int(h % UInt64(count))
  }

  /// Aggregates partition `part` of `count` over all rows.
  static func aggregate(
    _ inputs: RFMInputs, asOf: Int64, groupSlots: [Int32], groups: Int, part: Int, count: Int
  ) -> RFMPartition {
    var p = RFMPartition()
    var index = DenseIndex()
    var invoicePairs = PairSet()
    var productPairs = PairSet()
    var lastKey = Column.missingInteger
    var lastLocal = -1
    var lastInvoiceLocal = -1
    var lastInvoice: UInt64 = 0
    let integerItems = inputs.quantity?.isInteger ?? false
    let hasQuantity = inputs.quantity != nil
    for i in 0..<inputs.rows {
      let key = inputs.customer.key(i)
      if key == Column.missingInteger {
        if part == 0 { p.rowsWithoutCustomer += 1 }
        continue
      }
      if count > 1 && key != lastKey && partition(of: key, among: count) != part { continue }
      let date = inputs.dates[i]
      if date == Column.missingInteger {
        p.rowsWithoutDate += 1
        continue
      }
      if date >= asOf {
        p.rowsAfterAsOf += 1
        continue
      }
      let value = inputs.value(i)
      let q = inputs.quantity?.value(i) ?? .nan
      if value.isNaN || (hasQuantity && q.isNaN) {
        p.rowsWithMissingValues += 1
        continue
      }
      let local: Int
      if key == lastKey && lastLocal >= 0 {
        local = lastLocal
      } else {
        local = index.index(of: key)
        if local == p.keys.count { p.appendCustomer(key, groups: groups) }
        lastKey = key
        lastLocal = local
      }
      let cancelled = inputs.isCancelled(i)
      if !cancelled && value > 0 && (!hasQuantity || q > 0) {
        p.purchaseLineCount += 1
        p.purchaseLines[local] += 1
        p.gross[local] += value
        if date < p.firstPurchase[local] { p.firstPurchase[local] = date }
        if date > p.lastPurchase[local] { p.lastPurchase[local] = date }
        if let invoice = inputs.invoice {
          let inv: UInt64
          switch invoice {
          case .ints(let v): inv = UInt64(bitPattern: v[i])
          case .codes(let c, _): inv = UInt64(c[i])
          }
          if local != lastInvoiceLocal || inv != lastInvoice {
            if invoicePairs.insert(UInt32(local), inv) { p.frequency[local] += 1 }
            lastInvoiceLocal = local
            lastInvoice = inv
          }
        } else {
          p.frequency[local] += 1
        }
        if hasQuantity {
          if integerItems { p.itemsInteger[local] += Int64(q) } else { p.itemsDecimal[local] += q }
        }
        if let product = inputs.product {
          let code = product[i]
          if code != Column.missingCode && productPairs.insert(UInt32(local), UInt64(code)) {
            p.products[local] += 1
          }
        }
        if groups > 0, let group = inputs.group {
          let g = group[i]
          if g != Column.missingCode {
            let slot = groupSlots[Int(g)]
            if slot >= 0 { p.affinity[local * groups + Int(slot)] += value }
          }
        }
      } else if cancelled || (hasQuantity ? q < 0 : value < 0) {
        p.returnLineCount += 1
        p.returnLines[local] += 1
        p.returned[local] += abs(value)
      } else {
        p.otherLineCount += 1
      }
    }
    return p
  }

  private mutating func appendCustomer(_ key: Int64, groups: Int) {
    keys.append(key)
    firstPurchase.append(.max)
    lastPurchase.append(.min)
    frequency.append(0)
    purchaseLines.append(0)
    gross.append(0)
    returned.append(0)
    returnLines.append(0)
    itemsInteger.append(0)
    itemsDecimal.append(0)
    products.append(0)
    if groups > 0 { affinity.append(contentsOf: repeatElement(0, count: groups)) }
  }
}
