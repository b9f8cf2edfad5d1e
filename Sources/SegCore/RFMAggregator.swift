/// The per-customer sums of one partition of the customers, accumulated in row order.
///
/// Customers are split into partitions by their dense index; each partition scans every row and
/// keeps only its own customers. Each customer's sums therefore run in row order whatever the
/// number of partitions, so the result is identical on any number of cores.
struct RFMPartition: Sendable {
  /// Integer fields per customer, `ints[c * intFields + field]`.
  static let firstPurchase = 0
  static let lastPurchase = 1
  static let frequency = 2
  static let purchaseLines = 3
  static let returnLines = 4
  static let itemsInteger = 5
  static let products = 6
  static let otherLines = 7
  static let intFields = 8
  /// Decimal fields per customer, `doubles[c * doubleFields + field]`, then the affinity slots.
  static let gross = 0
  static let returned = 1
  static let itemsDecimal = 2
  static let fixedDoubleFields = 3

  var ints: [Int64]
  var doubles: [Double]
  var doubleFields: Int

  var rowsWithoutCustomer = 0
  var rowsWithoutDate = 0
  var rowsAfterAsOf = 0
  var rowsWithMissingValues = 0
  var purchaseLineCount = 0
  var returnLineCount = 0
  var otherLineCount = 0

  /// Aggregates the customers `c` with `c % count == part` over all rows.
  static func aggregate(
    _ inputs: RFMInputs,
    asOf: Int64,
    groupSlots: [Int32],
    groups: Int,
    part: Int,
    count: Int
  ) -> RFMPartition {
    let customers = inputs.customerCount
    let doubleFields = fixedDoubleFields + groups
    var p = RFMPartition(
      ints: [Int64](repeating: 0, count: customers * intFields),
      doubles: [Double](repeating: 0, count: customers * doubleFields),
      doubleFields: doubleFields
    )
    var invoicePairs = PairSet()
    var productPairs: [UInt64] = []
    let hasProduct = inputs.product != nil
    let hasGroups = groups > 0 && inputs.group != nil
    let partCount = UInt32(count)
    let partIndex = UInt32(part)
    p.ints.withUnsafeMutableBufferPointer { iv in
      for c in stride(from: 0, to: customers, by: 1) {
        iv[c * intFields + firstPurchase] = .max
        iv[c * intFields + lastPurchase] = .min
      }
    }
    inputs.withRawColumns { raw in
      groupSlots.withUnsafeBufferPointer { slots in
        p.ints.withUnsafeMutableBufferPointer { iv in
          p.doubles.withUnsafeMutableBufferPointer { dv in
            var lastInvoiceCustomer = UInt32.max
            var lastInvoice = UInt32.max
            var lastProductKey = UInt64.max
            for i in 0..<inputs.rows {
              let c = raw.customer[i]
              if c == Column.missingCode {
                if part == 0 { p.rowsWithoutCustomer += 1 }
                continue
              }
              if partCount > 1 && c % partCount != partIndex { continue }
              let date = raw.dates[i]
              if date == Column.missingInteger {
                p.rowsWithoutDate += 1
                continue
              }
              if date >= asOf {
                p.rowsAfterAsOf += 1
                continue
              }
              let q = raw.quantity(i)
              let value = raw.value(i, quantity: q)
              if value.isNaN || (raw.quantityKind != 0 && q.isNaN) {
                p.rowsWithMissingValues += 1
                continue
              }
              let ci = Int(c) * intFields
              let cd = Int(c) * doubleFields
              let cancelled = raw.isCancelled(i)
              if raw.isPurchase(cancelled: cancelled, quantity: q, value: value) {
                p.purchaseLineCount += 1
                iv[ci + purchaseLines] += 1
                dv[cd + gross] += value
                if date < iv[ci + firstPurchase] { iv[ci + firstPurchase] = date }
                if date > iv[ci + lastPurchase] { iv[ci + lastPurchase] = date }
                if raw.hasInvoice {
                  let inv = raw.invoice[i]
                  if c != lastInvoiceCustomer || inv != lastInvoice {
                    if invoicePairs.insert(c, UInt64(inv)) { iv[ci + frequency] += 1 }
                    lastInvoiceCustomer = c
                    lastInvoice = inv
                  }
                } else {
                  iv[ci + frequency] += 1
                }
                if raw.quantityKind == 1 {
                  iv[ci + itemsInteger] += Int64(q)
                } else if raw.quantityKind == 2 {
                  dv[cd + itemsDecimal] += q
                }
                if hasProduct {
                  let code = raw.product[i]
                  let key = UInt64(c) << 32 | UInt64(code)
                  if code != Column.missingCode && key != lastProductKey {
                    productPairs.append(key)
                    lastProductKey = key
                  }
                }
                if hasGroups {
                  let g = raw.group[i]
                  if g != Column.missingCode {
                    let slot = slots[Int(g)]
                    if slot >= 0 { dv[cd + fixedDoubleFields + Int(slot)] += value }
                  }
                }
              } else if cancelled || (raw.quantityKind != 0 ? q < 0 : value < 0) {
                p.returnLineCount += 1
                iv[ci + returnLines] += 1
                dv[cd + returned] += abs(value)
              } else {
                p.otherLineCount += 1
                iv[ci + otherLines] += 1
              }
            }
          }
        }
      }
    }
    if hasProduct {
      p.countDistinctProducts(
        productPairs,
        customers: customers,
        products: inputs.productNames.count
      )
    }
    return p
  }

  /// Distinct products per customer from (customer << 32 | product) pairs: a counting sort by
  /// customer, then one pass with a stamp per product (cache-friendly, unlike a hash set of pairs).
  private mutating func countDistinctProducts(_ pairs: [UInt64], customers: Int, products: Int) {
    var starts = [Int](repeating: 0, count: customers + 1)
    for key in pairs { starts[Int(key >> 32) + 1] += 1 }
    for c in 0..<customers { starts[c + 1] += starts[c] }
    var next = starts
    var sorted = [UInt32](repeating: 0, count: pairs.count)
    for key in pairs {
      let c = Int(key >> 32)
      sorted[next[c]] = UInt32(truncatingIfNeeded: key)
      next[c] += 1
    }
    var stamp = [Int32](repeating: -1, count: products)
    ints.withUnsafeMutableBufferPointer { iv in
      for c in 0..<customers where starts[c + 1] > starts[c] {
        var distinct: Int64 = 0
        for k in starts[c]..<starts[c + 1] {
          let product = Int(sorted[k])
          if stamp[product] != Int32(c) {
            stamp[product] = Int32(c)
            distinct += 1
          }
        }
        iv[c * RFMPartition.intFields + RFMPartition.products] = distinct
      }
    }
  }
}
