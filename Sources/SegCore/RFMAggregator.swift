/// The per-customer sums of one partition of the customers, accumulated in row order, block by
/// block.
///
/// Customers are split into partitions by their dense index; each partition scans every row and
/// keeps only its own customers, customer `c` in slot `c / count`. Each customer's sums therefore
/// run in row order whatever the number of partitions, so the result is identical on any number
/// of cores.
struct RFMPartition: Sendable {
  /// Integer fields per customer slot, `ints[slot * intFields + field]`.
  static let firstPurchase = 0
  static let lastPurchase = 1
  static let frequency = 2
  static let purchaseLines = 3
  static let returnLines = 4
  static let itemsInteger = 5
  static let products = 6
  static let otherLines = 7
  static let intFields = 8
  /// Decimal fields per customer slot, `doubles[slot * doubleFields + field]`, then the affinity
  /// groups.
  static let gross = 0
  static let returned = 1
  static let itemsDecimal = 2
  static let fixedDoubleFields = 3

  var ints: [Int64] = []
  var doubles: [Double] = []
  var doubleFields: Int
  /// Customers `c` with `c % count == part` are this partition's.
  let part: Int
  let count: Int
  /// Slots in ``ints`` and ``doubles``: this partition's customers among the dense codes below
  /// ``customers``.
  fileprivate(set) var slotCount = 0
  fileprivate(set) var customers = 0

  var rowsWithoutCustomer = 0
  var rowsWithoutDate = 0
  var rowsAfterAsOf = 0
  var rowsWithMissingValues = 0
  var purchaseLineCount = 0
  var returnLineCount = 0
  var otherLineCount = 0
  /// The first table row whose quantity made a customer's item count overflow 64 bits, if any.
  var overflowRow: Int?
  /// The first table row whose money (quantity × price, or a customer's running total) is not
  /// finite (`1e308 × 10`), if any.
  var nonFiniteRow: Int?

  /// Per invoice code, the customer whose purchase counted it first (`UInt32.max`: none yet);
  /// other customers' purchases on the same invoice go to ``otherInvoicePairs``.
  private var invoiceOwners: [UInt32] = []
  /// (customer, invoice) codes packed as `customer << 32 | invoice`.
  private var otherInvoicePairs = KeySet64()
  /// Purchase lines' (customer slot, product) pairs; ``sealDistinctProducts()`` counts them.
  private var productPairs = PairLog()
  private var lastInvoiceCustomer = UInt32.max
  private var lastInvoice = UInt32.max
  private var lastProductKey = UInt64.max

  init(part: Int, count: Int, groups: Int) {
    self.part = part
    self.count = count
    doubleFields = RFMPartition.fixedDoubleFields + groups
  }

  /// Makes room for customers up to `n` and invoices up to `invoices` (dense codes grow as a
  /// streamed log is read).
  private mutating func reserve(customers n: Int, invoices: Int) {
    if n > customers {
      let needed = n > part ? (n - part + count - 1) / count : 0
      // Grown by a quarter, not doubled: these are the largest arrays of a streamed load.
      if needed * RFMPartition.intFields > ints.capacity {
        ints.reserveCapacity(max(needed, slotCount + slotCount / 4) * RFMPartition.intFields)
        doubles.reserveCapacity(max(needed, slotCount + slotCount / 4) * doubleFields)
      }
      for _ in slotCount..<needed {
        ints.append(contentsOf: [.max, .min, 0, 0, 0, 0, 0, 0])
        doubles.append(contentsOf: repeatElement(0, count: doubleFields))
      }
      (slotCount, customers) = (needed, n)
    }
    if invoices > invoiceOwners.count {
      invoiceOwners.append(contentsOf: repeatElement(UInt32.max, count: invoices - invoiceOwners.count))
    }
  }

  /// Adds the rows of `inputs` (one block of the log, in file order) for this partition's
  /// customers. Rows are visited in order, so each customer's sums run in file order however the
  /// log is split into blocks.
  mutating func consume(_ inputs: RFMInputs, asOf: Int64, groupSlots: [Int32]) {
    reserve(customers: inputs.customerCount, invoices: inputs.invoiceCount)
    let doubleFields = self.doubleFields
    let hasProduct = inputs.product != nil
    let hasGroups = doubleFields > RFMPartition.fixedDoubleFields && inputs.group != nil
    let partCount = UInt32(count)
    let partIndex = UInt32(part)
    let intFields = RFMPartition.intFields
    let firstPurchase = RFMPartition.firstPurchase
    let lastPurchase = RFMPartition.lastPurchase
    let frequency = RFMPartition.frequency
    let purchaseLines = RFMPartition.purchaseLines
    let returnLines = RFMPartition.returnLines
    let itemsInteger = RFMPartition.itemsInteger
    let products = RFMPartition.products
    let otherLines = RFMPartition.otherLines
    let gross = RFMPartition.gross
    let returned = RFMPartition.returned
    let itemsDecimal = RFMPartition.itemsDecimal
    let fixedDoubleFields = RFMPartition.fixedDoubleFields
    let part = self.part
    // Work on a copy that holds the only references to the arrays, so they are not copied.
    var p = self
    self = RFMPartition(part: part, count: count, groups: 0)
    var otherInvoicePairs = KeySet64()
    swap(&otherInvoicePairs, &p.otherInvoicePairs)
    var invoiceOwners: [UInt32] = []
    swap(&invoiceOwners, &p.invoiceOwners)
    var productPairs = PairLog()
    swap(&productPairs, &p.productPairs)
    var lastInvoiceCustomer = p.lastInvoiceCustomer
    var lastInvoice = p.lastInvoice
    var lastProductKey = p.lastProductKey
    inputs.withRawColumns { raw in
      groupSlots.withUnsafeBufferPointer { slots in
        p.ints.withUnsafeMutableBufferPointer { iv in
          p.doubles.withUnsafeMutableBufferPointer { dv in
           invoiceOwners.withUnsafeMutableBufferPointer { owners in
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
              let local = partCount > 1 ? Int(c / partCount) : Int(c)
              let ci = local * intFields
              let cd = local * doubleFields
              let cancelled = raw.isCancelled(i)
              if raw.isPurchase(cancelled: cancelled, quantity: q, value: value) {
                p.purchaseLineCount += 1
                iv[ci + purchaseLines] += 1
                dv[cd + gross] += value
                if !dv[cd + gross].isFinite, p.nonFiniteRow == nil { p.nonFiniteRow = i }
                if date < iv[ci + firstPurchase] { iv[ci + firstPurchase] = date }
                if date > iv[ci + lastPurchase] { iv[ci + lastPurchase] = date }
                if raw.hasInvoice {
                  let inv = raw.invoice[i]
                  if c != lastInvoiceCustomer || inv != lastInvoice {
                    // An invoice is nearly always one customer's: its owner is counted without
                    // a hash lookup, other customers on it through the pair set. Lines without
                    // an invoice number count as one invoice per customer, in the pair set.
                    let pair = UInt64(c) << 32 | UInt64(inv)
                    if inv == Column.missingCode {
                      if otherInvoicePairs.insert(pair) { iv[ci + frequency] += 1 }
                    } else if owners[Int(inv)] == UInt32.max {
                      owners[Int(inv)] = c
                      iv[ci + frequency] += 1
                    } else if owners[Int(inv)] != c && otherInvoicePairs.insert(pair) {
                      iv[ci + frequency] += 1
                    }
                    lastInvoiceCustomer = c
                    lastInvoice = inv
                  }
                } else {
                  // No invoice column: a purchase is a customer's day (all of a customer's lines
                  // on one calendar date form one basket), kept as (customer, day) pairs.
                  let day = UInt32(truncatingIfNeeded: CivilCalendar.day(ofSeconds: date))
                  if c != lastInvoiceCustomer || day != lastInvoice {
                    if otherInvoicePairs.insert(UInt64(c) << 32 | UInt64(day)) {
                      iv[ci + frequency] += 1
                    }
                    lastInvoiceCustomer = c
                    lastInvoice = day
                  }
                }
                if raw.quantityKind == 1 {
                  // Quantities come from the file: a conversion or a sum that does not fit in
                  // 64 bits is reported (RFM.finish), never a trap.
                  if let whole = Int64(exactly: q.rounded(.towardZero)) {
                    let (sum, overflow) = iv[ci + itemsInteger].addingReportingOverflow(whole)
                    if overflow {
                      if p.overflowRow == nil { p.overflowRow = i }
                    } else {
                      iv[ci + itemsInteger] = sum
                    }
                  } else if p.overflowRow == nil {
                    p.overflowRow = i
                  }
                } else if raw.quantityKind == 2 {
                  dv[cd + itemsDecimal] += q
                }
                if hasProduct {
                  let code = raw.product[i]
                  let key = UInt64(c) << 32 | UInt64(code)
                  if code != Column.missingCode && key != lastProductKey {
                    if productPairs.append(UInt32(local), code) == true { iv[ci + products] += 1 }
                    lastProductKey = key
                  }
                }
                if hasGroups {
                  let g = raw.group[i]
                  if g != Column.missingCode {
                    let slot = Int(g) < slots.count ? slots[Int(g)] : -1
                    if slot >= 0 { dv[cd + fixedDoubleFields + Int(slot)] += value }
                  }
                }
              } else if (cancelled && raw.cancellationIsReturn)
                || (raw.quantityKind != 0 ? q < 0 : value < 0)
              {
                p.returnLineCount += 1
                iv[ci + returnLines] += 1
                dv[cd + returned] += abs(value)
                if !dv[cd + returned].isFinite, p.nonFiniteRow == nil { p.nonFiniteRow = i }
              } else {
                p.otherLineCount += 1
                iv[ci + otherLines] += 1
              }
            }
           }
          }
        }
      }
    }
    p.otherInvoicePairs = otherInvoicePairs
    p.invoiceOwners = invoiceOwners
    p.productPairs = productPairs
    p.lastInvoiceCustomer = lastInvoiceCustomer
    p.lastInvoice = lastInvoice
    p.lastProductKey = lastProductKey
    self = p
  }
}

extension RFMPartition {
  /// Adds the logged product pairs to the customers' distinct product counts; call it once the
  /// last rows are in (``RFM/finish(parts:shape:asOf:asOfSource:groupNames:options:notes:)``
  /// does). Once done it does nothing, and touches no array: a partition shared with another copy
  /// is not copied for it.
  mutating func sealDistinctProducts() {
    guard !productPairs.isEmpty else { return }
    let intFields = RFMPartition.intFields
    let products = RFMPartition.products
    ints.withUnsafeMutableBufferPointer { iv in
      productPairs.countDistinct { slot in iv[slot * intFields + products] += 1 }
    }
  }

  /// A copy whose affinity groups are `slots` of this one's, in that order (the final top groups
  /// picked from the tracked candidates).
  func selectingGroups(_ slots: [Int]) -> RFMPartition {
    var p = self
    p.doubleFields = RFMPartition.fixedDoubleFields + slots.count
    let fixed = RFMPartition.fixedDoubleFields
    var out = [Double](repeating: 0, count: slotCount * p.doubleFields)
    for c in 0..<slotCount {
      let from = c * doubleFields
      let to = c * p.doubleFields
      for f in 0..<fixed { out[to + f] = doubles[from + f] }
      for (k, slot) in slots.enumerated() { out[to + fixed + k] = doubles[from + fixed + slot] }
    }
    p.doubles = out
    return p
  }
}
