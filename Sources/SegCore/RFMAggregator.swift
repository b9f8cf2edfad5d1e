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
  /// Money fields per customer slot, in units of ``Money`` (1/10,000),
  /// `money[slot * moneyFields + field]`, then the affinity groups' purchase spend.
  static let gross = 0
  static let returned = 1
  static let fixedMoneyFields = 2

  var ints: [Int64] = []
  /// Units bought with a decimal quantity column, one per customer slot.
  var doubles: [Double] = []
  /// Exact money sums; see ``gross``.
  var money: [Int64] = []
  var moneyFields: Int
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
  /// The first table row whose money (a price or amount of ``Money/exactLimit`` or more,
  /// quantity × price, or a customer's running total) does not fit the exact 64-bit sums, if any.
  var moneyOverflowRow: Int?
  /// Money values with more than four decimals, rounded to the nearest 1/10,000, and the first
  /// table row with one.
  var inexactMoney = 0
  var firstInexactRow: Int?
  /// Over those lines: how much rounding changed them (the sum of the absolute changes), and
  /// what they are worth (the sum of their absolute values), for the RFM summary.
  var inexactRounding = 0.0
  var inexactValue = 0.0

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
    moneyFields = RFMPartition.fixedMoneyFields + groups
  }

  /// Makes room for customers up to `n` and invoices up to `invoices` (dense codes grow as a
  /// streamed log is read).
  private mutating func reserve(customers n: Int, invoices: Int) {
    if n > customers {
      let needed = n > part ? (n - part + count - 1) / count : 0
      // Grown by a quarter, not doubled: these are the largest arrays of a streamed load.
      if needed * RFMPartition.intFields > ints.capacity {
        let slots = max(needed, slotCount + slotCount / 4)
        ints.reserveCapacity(slots * RFMPartition.intFields)
        doubles.reserveCapacity(slots)
        money.reserveCapacity(slots * moneyFields)
      }
      for _ in slotCount..<needed {
        ints.append(contentsOf: [.max, .min, 0, 0, 0, 0, 0, 0])
        doubles.append(0)
        money.append(contentsOf: repeatElement(0, count: moneyFields))
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
    let moneyFields = self.moneyFields
    let hasProduct = inputs.product != nil
    let hasGroups = moneyFields > RFMPartition.fixedMoneyFields && inputs.group != nil
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
    let fixedMoneyFields = RFMPartition.fixedMoneyFields
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
          p.money.withUnsafeMutableBufferPointer { mv in
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
              if raw.values[i].isNaN || (raw.quantityKind != 0 && q.isNaN) {
                p.rowsWithMissingValues += 1
                continue
              }
              var line = raw.lineUnits(i, quantity: q)
              if line.status != .exact {
                if line.status == .overflow {
                  if p.moneyOverflowRow == nil { p.moneyOverflowRow = i }
                  // RFM.finish reports it; the line is still classified by its sign, so that
                  // the other sums (items) see it as before.
                  let d = raw.usesPrice ? q * raw.values[i] : raw.values[i]
                  line.units = d > 0 ? 1 : (d < 0 ? -1 : 0)
                } else {
                  p.inexactMoney += 1
                  if p.firstInexactRow == nil { p.firstInexactRow = i }
                  let exact = raw.usesPrice ? q * raw.values[i] : raw.values[i]
                  p.inexactRounding += abs(exact - Money.double(line.units))
                  p.inexactValue += abs(exact)
                }
              }
              let value = line.units
              let local = partCount > 1 ? Int(c / partCount) : Int(c)
              let ci = local * intFields
              let cm = local * moneyFields
              let cancelled = raw.isCancelled(i)
              if raw.isPurchase(cancelled: cancelled, quantity: q, value: value) {
                p.purchaseLineCount += 1
                iv[ci + purchaseLines] += 1
                let (sum, overflow) = mv[cm + gross].addingReportingOverflow(value)
                if overflow {
                  if p.moneyOverflowRow == nil { p.moneyOverflowRow = i }
                } else {
                  mv[cm + gross] = sum
                }
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
                  dv[local] += q
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
                    // Never more than the gross spend, which did not overflow.
                    if slot >= 0 { mv[cm + fixedMoneyFields + Int(slot)] &+= value }
                  }
                }
              } else if (cancelled && raw.cancellationIsReturn)
                || (raw.quantityKind != 0 ? q < 0 : value < 0)
              {
                p.returnLineCount += 1
                iv[ci + returnLines] += 1
                // `value` is above Int64.min (``RawColumns/lineUnits(_:quantity:)``), so its
                // magnitude fits.
                let (sum, overflow) = mv[cm + returned].addingReportingOverflow(abs(value))
                if overflow {
                  if p.moneyOverflowRow == nil { p.moneyOverflowRow = i }
                } else {
                  mv[cm + returned] = sum
                }
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
    p.moneyFields = RFMPartition.fixedMoneyFields + slots.count
    let fixed = RFMPartition.fixedMoneyFields
    var out = [Int64](repeating: 0, count: slotCount * p.moneyFields)
    for c in 0..<slotCount {
      let from = c * moneyFields
      let to = c * p.moneyFields
      for f in 0..<fixed { out[to + f] = money[from + f] }
      for (k, slot) in slots.enumerated() { out[to + fixed + k] = money[from + fixed + slot] }
    }
    p.money = out
    return p
  }
}
