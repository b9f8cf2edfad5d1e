/// Which lines of a transaction log are cancellations, and why.
///
/// Cancellations are decided from evidence, not from a letter alone: the `C` prefix of the Online
/// Retail data (`C536379` beside `536379`) marks a cancellation only when the invoice column
/// follows that convention, so order ids such as `CA-2018-152156` are not taken for returns.
/// A status column (`order_status`: delivered, canceled …) or an explicit choice replaces the
/// prefix. The rules are in docs/rfm.md, "Cancellations".
public enum CancellationRule: Sendable, Equatable, Hashable {
  /// Invoices starting with this prefix are cancellations.
  case prefix(String)
  /// Lines whose value in this column says cancelled, returned, refunded or void (any case), or
  /// is true / 1, are cancellations.
  case status(String)
  /// The log records more than purchases (an event log: views, carts, purchases): lines whose
  /// value in this column is not a purchase event are left out, as cancelled lines are.
  case events(String)
  /// No line is a cancellation (negative quantities or amounts are still returns).
  case none

  /// The prefix of the Online Retail convention.
  public static let defaultPrefix = "C"

  /// Words of a status value that mark a cancelled line, compared in lower case, word by word:
  /// English, then German, French, Spanish, Italian, Portuguese and Dutch, and the words for
  /// true or yes.
  static let statusWords: Set<String> = [
    "canceled", "cancelled", "cancel", "cancellation", "returned", "return", "refunded",
    "refund", "void", "voided", "failed", "declined", "true", "yes", "y", "t", "1",
    "storniert", "storno", "annulliert", "zurückgegeben", "retoure", "retourniert", "erstattet",
    "rückerstattet", "ja", "wahr",
    "annulé", "annulée", "annule", "annulee", "annulation", "retourné", "retournée", "remboursé",
    "remboursée", "oui", "vrai",
    "cancelado", "cancelada", "anulado", "anulada", "devuelto", "devuelta", "devolución",
    "reembolsado", "reembolsada", "sí", "si", "verdadero",
    "annullato", "annullata", "reso", "restituito", "rimborsato", "vero",
    "devolvido", "devolvida", "sim",
    "geannuleerd", "geretourneerd", "retour", "terugbetaald", "waar",
    // Swedish, Danish, Norwegian, Polish, Czech, Finnish, Hungarian.
    "annullerad", "makulerad", "returnerad", "återbetald", "annulleret", "returneret",
    "refunderet", "kansellert", "returnert", "refundert", "anulowane", "anulowano",
    "anulowany", "zwrócone", "zwrocone", "zwrot", "zrušeno", "zruseno", "zrušená", "vráceno",
    "vraceno", "peruttu", "peruutettu", "palautettu", "hyvitetty", "törölve", "torolve",
    "visszavonva", "visszatérítve", "sztornó",
  ]

  /// Words of a header that say the column holds a cancellation status, in the same languages.
  static let statusNameWords: Set<String> = [
    "status", "cancelled", "canceled", "cancel", "cancellation", "returned", "refunded", "void",
    "storniert", "storno", "statut", "annulé", "annulee", "annulée", "estado", "cancelado",
    "anulado", "stato", "annullato", "situação", "situacao", "geannuleerd",
    "stav", "tila", "állapot", "allapot", "makulerad", "annulleret", "anulowane", "zrušeno",
  ]

  /// Words that make a status partial (`partially_refunded`): the order stands, less the part
  /// given back, so it is not cancelled.
  static let partialWords: Set<String> = [
    "partially", "partial", "part", "teilweise", "teil", "partiellement", "partiel", "partielle",
    "parcialmente", "parcial", "parzialmente", "parziale", "gedeeltelijk", "deels",
  ]

  /// Words of a status value that say the order is not paid or not settled yet (`Pending
  /// payment`, `On hold`, `awaiting_payment`, Olist's `created`, Shopify's `authorized`,
  /// Magento's `holded`), in the
  /// same languages: such lines count as purchases, and the load summary says so.
  static let unsettledWords: Set<String> = [
    // Magento writes an order on hold as `holded`.
    "pending", "unpaid", "awaiting", "hold", "onhold", "holded", "draft", "authorized", "authorised",
    "created", "quote", "ausstehend", "unbezahlt", "wartend", "attente", "impayé", "impaye",
    "pendiente", "impagado", "attesa", "pendente", "aguardando", "afwachting", "onbetaald",
    "väntande", "obetald", "afventer", "venter", "oczekujące", "oczekujace", "nieopłacone",
    "nezaplaceno", "odottaa", "maksamatta", "függőben", "fuggoben",
  ]

  /// Words of a header that say the column holds the kind of an event (`event`, `event_type`,
  /// Taobao's `behavior_type`).
  static let eventNameWords: Set<String> = [
    "event", "events", "action", "activity", "behavior", "behaviour", "interaction",
    "ereignis", "aktion", "événement", "evenement", "evento", "acción", "accion", "gebeurtenis",
  ]

  /// Event values that are purchases (`purchase`, `transaction`, Taobao's `buy`, Google
  /// Analytics' `purchase`), compared word by word in lower case; `add_to_cart` or `begin_checkout`
  /// hold no such word.
  static let purchaseEventWords: Set<String> = [
    "purchase", "purchased", "purchases", "transaction", "transactions", "buy", "bought",
    "order", "ordered", "sale", "sold", "kauf", "gekauft", "bestellung", "achat", "compra",
    "acquisto", "aankoop",
  ]

  /// Event values that are no purchases: the views, carts and clicks of a web shop's event log.
  static let otherEventWords: Set<String> = [
    "view", "views", "viewed", "pageview", "pv", "page", "click", "clicked", "cart",
    "addtocart", "add", "remove", "removefromcart", "fav", "favorite", "favourite", "wishlist",
    "search", "impression", "session", "visit", "login", "signup", "checkout", "begin",
  ]

  /// Whether an event value is a purchase: one of its words is a ``purchaseEventWords`` entry
  /// and none says it is only on its way to one (`add_to_cart`, `begin_checkout`, `view`).
  static func isPurchaseEvent(_ value: String) -> Bool {
    let words = statusTokens(value)
    return words.contains(where: purchaseEventWords.contains)
      && !words.contains(where: otherEventWords.contains)
  }

  /// Whether an event value is a known event that is no purchase (`view`, `addtocart`,
  /// `remove_from_cart`, `pv`).
  static func isOtherEvent(_ value: String) -> Bool {
    !isPurchaseEvent(value) && statusTokens(value).contains(where: otherEventWords.contains)
  }

  /// Whether a header name says the column holds the kind of an event (`event`, `event_type`,
  /// `behavior_type`).
  package static func isEventName(_ name: String) -> Bool {
    ColumnRole.tokens(of: name).contains(where: eventNameWords.contains)
  }

  /// Per row of `column`, whether its event is no purchase; `nil` when the column holds no text.
  static func eventFlags(_ column: Column) -> (codes: [UInt32], flags: [Bool])? {
    switch column.data {
    case .category(let codes, let dictionary):
      return (codes, dictionary.map { !isPurchaseEvent($0) })
    case .text(let v):
      let (codes, dictionary) = RFMInputs.encode(v)
      return (codes, dictionary.map { !isPurchaseEvent($0) })
    default:
      return nil
    }
  }

  /// The lower-cased words of a status value, split at anything not a letter or digit.
  static func statusTokens(_ value: String) -> [String] {
    var words: [String] = []
    var word = ""
    for ch in value.lowercased().unicodeScalars {
      if ch.properties.isAlphabetic || ("0"..."9").contains(ch) {
        word.unicodeScalars.append(ch)
      } else if !word.isEmpty {
        words.append(word)
        word = ""
      }
    }
    if !word.isEmpty { words.append(word) }
    return words
  }

  /// Whether a status value marks a cancelled line: one of its words (split at anything not a
  /// letter or digit) is a ``statusWords`` entry and none is a ``partialWords`` entry.
  static func isCancelledStatus(_ value: String) -> Bool {
    let words = statusTokens(value)
    return words.contains(where: statusWords.contains)
      && !words.contains(where: partialWords.contains)
  }

  /// Whether a status value says the order is not paid yet (a ``unsettledWords`` entry) and is
  /// no cancellation.
  static func isUnsettledStatus(_ value: String) -> Bool {
    statusTokens(value).contains(where: unsettledWords.contains) && !isCancelledStatus(value)
  }

  /// Per dictionary entry of a text invoice column, whether it is a cancellation under this rule
  /// (a status rule flags no invoice).
  func invoiceFlags(_ dictionary: [String]) -> [Bool] {
    guard case .prefix(let p) = self else {
      return Array(repeating: false, count: dictionary.count)
    }
    return dictionary.map { CancellationRule.hasPrefix($0.utf8, Array(p.utf8)) }
  }

  /// Whether `value` starts with `prefix` and is longer than it.
  static func hasPrefix(_ value: some Collection<UInt8>, _ prefix: [UInt8]) -> Bool {
    guard !prefix.isEmpty, value.count > prefix.count else { return false }
    var i = value.startIndex
    for b in prefix {
      if value[i] != b { return false }
      i = value.index(after: i)
    }
    return true
  }

  /// Per row of `column`, whether its status marks a cancellation; `nil` when the column cannot
  /// hold statuses (dates, decimals).
  static func statusFlags(_ column: Column) -> (codes: [UInt32], flags: [Bool])? {
    switch column.data {
    case .category(let codes, let dictionary):
      return (codes, dictionary.map(isCancelledStatus))
    case .text(let v):
      let (codes, dictionary) = RFMInputs.encode(v)
      return (codes, dictionary.map(isCancelledStatus))
    case .integer(let v):
      return (
        v.map { $0 == Column.missingInteger ? Column.missingCode : ($0 != 0 ? 1 : 0) },
        [false, true]
      )
    case .boolean(let v):
      return (v.map { $0 == nil ? Column.missingCode : ($0 == true ? 1 : 0) }, [false, true])
    default:
      return nil
    }
  }

  /// Whether a header name says the column holds a cancellation status (`status`,
  /// `order_status`, `is_cancelled`, `returned`, `Bestellstatus`, `Estado del pedido`).
  package static func isStatusName(_ name: String) -> Bool {
    let tokens = ColumnRole.tokens(of: name)
    return tokens.contains { token in
      statusNameWords.contains(token)
        || statusNameWords.contains { token.count > $0.count + 2 && token.hasSuffix($0) }
    }
  }
}

/// A decided ``CancellationRule`` and the reason, as the load summary states it.
public struct CancellationDecision: Sendable, Equatable, Hashable {
  /// The rule.
  public var rule: CancellationRule
  /// Why: `invoices starting with C (C536379 beside 536365)`, or
  /// `none (Order ID values start with C but not as a prefix of other invoice numbers: …)`.
  public var reason: Remark
  /// For a status rule on a text column, the distinct values that mark a cancellation; for an
  /// event rule, the values that are purchases (every other value is set aside); sorted, what a
  /// warehouse query compares with. `nil` for other rules or a numeric flag column.
  public var statusValues: [String]? = nil

  /// A status column whose values say some orders are not paid yet (`Pending payment`, `On
  /// hold`), and those values, sorted: their lines count as purchases, which the load summary
  /// warns about. `nil` when no status column holds such a value.
  public var unsettled: UnsettledStatuses? = nil

  /// Creates a decision.
  public init(rule: CancellationRule, reason: Remark, statusValues: [String]? = nil) {
    self.rule = rule
    self.reason = reason
    self.statusValues = statusValues
  }

  /// This decision with the status values of `values` (the status column's distinct values).
  func withStatusValues(_ values: [String]?) -> CancellationDecision {
    guard let values else { return self }
    var d = self
    switch rule {
    case .status:
      d.statusValues = Array(Set(values.filter(CancellationRule.isCancelledStatus))).sorted()
    case .events:
      d.statusValues = Array(Set(values.filter(CancellationRule.isPurchaseEvent))).sorted()
    case .prefix, .none:
      break
    }
    return d
  }

  /// The decision for an explicit choice (`cancelled=COLUMN`, `cancelled=none`,
  /// `cancel_prefix="X"`).
  static func explicit(_ rule: CancellationRule) -> CancellationDecision {
    switch rule {
    case .prefix(let p): CancellationDecision(rule: rule, reason: "invoices starting with \(p) (\(setting: .cancelPrefix, "\"\(p)\""))")
    case .status(let c): CancellationDecision(rule: rule, reason: "\(c) says cancelled, returned, refunded or void (\(setting: .cancelled, c))")
    case .events(let c): CancellationDecision(rule: rule, reason: "\(c) is not a purchase event")
    case .none: CancellationDecision(rule: rule, reason: "none (\(setting: .cancelled, "none"))")
    }
  }

  /// Decides the rule of a log from its columns: an explicit choice, else a status column whose
  /// name says so and that holds a cancellation status, else the evidence of the invoice values.
  ///
  /// - Parameters:
  ///   - explicit: the rule given with `cancelled=` or `cancel_prefix=`, if any.
  ///   - names: the column names.
  ///   - roles: the role columns (the status column is none of them).
  ///   - statusValues: the distinct values of a text column, by name (`nil` for other columns:
  ///     a 0/1 or boolean flag column is used only when named with `cancelled=`).
  ///   - invoice: the evidence of the invoice column, when it holds text.
  ///   - invoiceIsInteger: whether the invoice column holds integers.
  package static func decide(
    explicit: CancellationRule?, names: [String], roles: ColumnRoles,
    statusValues: (String) -> [String]?, invoice: CancellationEvidence?, invoiceIsInteger: Bool
  ) -> CancellationDecision {
    var decision = decideRule(
      explicit: explicit, names: names, roles: roles, statusValues: statusValues,
      invoice: invoice, invoiceIsInteger: invoiceIsInteger)
    decision.unsettled = UnsettledStatuses.find(
      names: names, roles: roles, statusValues: statusValues, rule: decision.rule)
    return decision
  }

  /// The first three of `values`, and `…` when there are more.
  private static func listed(_ values: [String]) -> String {
    values.prefix(3).joined(separator: ", ") + (values.count > 3 ? ", …" : "")
  }

  /// The rule of ``decide(explicit:names:roles:statusValues:invoice:invoiceIsInteger:)``.
  private static func decideRule(
    explicit: CancellationRule?, names: [String], roles: ColumnRoles,
    statusValues: (String) -> [String]?, invoice: CancellationEvidence?, invoiceIsInteger: Bool
  ) -> CancellationDecision {
    if let explicit {
      if case .status(let name) = explicit {
        return CancellationDecision.explicit(explicit).withStatusValues(statusValues(name))
      }
      return .explicit(explicit)
    }
    let roleColumns = Set(roles.columns.values)
    for name in names where !roleColumns.contains(name) && CancellationRule.isStatusName(name) {
      guard let values = statusValues(name) else { continue }
      // The values in code point order, not as met: rows in a database table have no order,
      // and a file and a server should say the same.
      let hits = Set(values.filter(CancellationRule.isCancelledStatus)).sorted()
      if !hits.isEmpty {
        return CancellationDecision(
          rule: .status(name), reason: "\(name) says cancelled (\(listed(hits)))"
        ).withStatusValues(values)
      }
    }
    for name in names where !roleColumns.contains(name) && CancellationRule.isEventName(name) {
      guard let values = statusValues(name) else { continue }
      let purchases = Set(values.filter(CancellationRule.isPurchaseEvent)).sorted()
      let others = Set(values.filter(CancellationRule.isOtherEvent)).sorted()
      guard !purchases.isEmpty && !others.isEmpty else { continue }
      // An event log: views and carts are no purchases. Least values first, as above.
      return CancellationDecision(
        rule: .events(name),
        reason:
          "\(name) records other events (\(listed(others))) beside purchases (\(purchases.joined(separator: ", "))): only the purchases are kept (\(setting: .cancelled, "none") keeps every row)"
      ).withStatusValues(values)
    }
    guard let invoiceName = roles[.invoice] else {
      return CancellationDecision(rule: .none, reason: "none (no invoice or status column)")
    }
    if invoiceIsInteger {
      return CancellationDecision(
        rule: .none, reason: "none (\(invoiceName) holds whole numbers only)")
    }
    return (invoice ?? CancellationEvidence()).decision(column: invoiceName)
  }
}

/// The values of a status column that say an order is not paid yet (`Pending payment`, `On
/// hold`, Olist's `created`): rfm counts their lines as purchases, and the load summary says so.
public struct UnsettledStatuses: Sendable, Equatable, Hashable {
  /// The status column.
  public var column: String
  /// Its values that say not paid yet, sorted.
  public var values: [String]

  /// The status column a rule reads (`rule`'s column, else the first column whose name says
  /// status and that no role reads) when it holds such values; `nil` otherwise.
  static func find(
    names: [String], roles: ColumnRoles, statusValues: (String) -> [String]?,
    rule: CancellationRule
  ) -> UnsettledStatuses? {
    let candidates: [String]
    if case .status(let name) = rule {
      candidates = [name]
    } else {
      let roleColumns = Set(roles.columns.values)
      candidates = names.filter { !roleColumns.contains($0) && CancellationRule.isStatusName($0) }
    }
    for name in candidates {
      guard let values = statusValues(name) else { continue }
      let unsettled = Set(values.filter(CancellationRule.isUnsettledStatus)).sorted()
      if !unsettled.isEmpty { return UnsettledStatuses(column: name, values: unsettled) }
    }
    return nil
  }
}

/// What the distinct values of a text invoice column say about the `C` prefix convention,
/// gathered value by value in order of first appearance (the first ``cap`` values of each kind).
///
/// The prefix marks cancellations when at least 90% of the values starting with `C` are `C`
/// followed by an invoice number of a shape the other values have: the shape writes each run of
/// digits as one `9` and each letter as `A` and keeps other characters (`536379` → `9`,
/// `US-2017-108966` → `AA-9-9`). Runs of digits count as one so that invoice numbers that grow
/// a digit (`999999`, then `1000000`) keep their shape: the first values of a long log are all
/// shorter than its later cancellations.
package struct CancellationEvidence: Sendable, Equatable {
  /// No values yet.
  package init() {}

  /// Values of each kind looked at, in order of first appearance; later ones do not change the
  /// decision, so a streamed log decides as a load into memory does.
  static let cap = 100_000

  /// The shapes of the values not starting with `C`, with the first such value.
  private(set) var otherShapes: [[UInt8]: String] = [:]
  private(set) var others = 0
  /// The shapes of what follows the `C`, with the first such value and how many.
  private(set) var prefixedShapes: [[UInt8]: (first: Int, example: String, count: Int)] = [:]
  private(set) var prefixed = 0

  package static func == (a: CancellationEvidence, b: CancellationEvidence) -> Bool {
    a.others == b.others && a.prefixed == b.prefixed && a.otherShapes == b.otherShapes
      && a.prefixedShapes.keys == b.prefixedShapes.keys
  }

  /// The shape of `bytes`: a run of digits as one `9`, ASCII letters as `A`, other bytes as
  /// they are.
  static func shape(_ bytes: some Collection<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    for b in bytes {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if out.last != UInt8(ascii: "9") { out.append(UInt8(ascii: "9")) }
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
        out.append(UInt8(ascii: "A"))
      default: out.append(b)
      }
    }
    return out
  }

  /// Adds one distinct invoice value.
  package mutating func add(_ bytes: some Collection<UInt8>) {
    if bytes.first == UInt8(ascii: "C") && bytes.count > 1 {
      guard prefixed < CancellationEvidence.cap else { return }
      record(
        isPrefixed: true, shape: CancellationEvidence.shape(bytes.dropFirst()), count: 1,
        example: { String(decoding: bytes, as: UTF8.self) })
    } else {
      guard others < CancellationEvidence.cap else { return }
      record(
        isPrefixed: false, shape: CancellationEvidence.shape(bytes), count: 1,
        example: { String(decoding: bytes, as: UTF8.self) })
    }
  }

  /// `a + b`, or `Int.max` when it overflows.
  private static func sum(_ a: Int, _ b: Int) -> Int {
    let (s, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : s
  }

  /// Counts `count` distinct values of one shape; the example is kept when the shape is new.
  /// Counts from a database are summed without overflow (they saturate).
  private mutating func record(
    isPrefixed: Bool, shape: [UInt8], count: Int, example: () -> String
  ) {
    if isPrefixed {
      if var entry = prefixedShapes[shape] {
        entry.count = CancellationEvidence.sum(entry.count, count)
        prefixedShapes[shape] = entry
      } else {
        prefixedShapes[shape] = (prefixed, example(), count)
      }
      prefixed = CancellationEvidence.sum(prefixed, count)
    } else {
      if otherShapes[shape] == nil { otherShapes[shape] = example() }
      others = CancellationEvidence.sum(others, count)
    }
  }

  /// One shape of distinct invoice values, counted where they are (a database groups them):
  /// whether they start with `C`, the shape of the rest (``shape(_:)``), how many distinct values
  /// have it, and one of them.
  package struct ShapeCount: Sendable, Equatable {
    package var isPrefixed: Bool
    package var shape: [UInt8]
    package var count: Int
    package var example: String

    package init(isPrefixed: Bool, shape: [UInt8], count: Int, example: String) {
      self.isPrefixed = isPrefixed
      self.shape = shape
      self.count = count
      self.example = example
    }
  }

  /// The evidence of invoice values already grouped by shape, all of them (no cap); `shapes` in
  /// the order their examples should be preferred.
  package init(shapes: [ShapeCount]) {
    for s in shapes where s.count > 0 {
      record(isPrefixed: s.isPrefixed, shape: s.shape, count: s.count, example: { s.example })
    }
  }

  /// Adds the distinct values of a dictionary, in order.
  mutating func add(dictionary: [String]) {
    for value in dictionary { add(value.utf8) }
  }

  /// The rule these values support, for the invoice column `column`.
  package func decision(column: String) -> CancellationDecision {
    guard prefixed > 0 else {
      return CancellationDecision(rule: .none, reason: "none (no \(column) value starts with C)")
    }
    let firstPrefixed = prefixedShapes.values.min { $0.first < $1.first }?.example ?? ""
    guard others > 0 else {
      return CancellationDecision(
        rule: .none,
        reason: "none (every \(column) value starts with C, so C is no prefix: \(firstPrefixed))")
    }
    var matched = 0
    var example: (first: Int, value: String, beside: String)? = nil
    for (shape, entry) in prefixedShapes {
      guard let beside = otherShapes[shape] else { continue }
      matched = CancellationEvidence.sum(matched, entry.count)
      if example == nil || entry.first < example?.first ?? .max {
        example = (entry.first, entry.example, beside)
      }
    }
    if let example, Double(matched) * 10 >= Double(prefixed) * 9 {
      return CancellationDecision(
        rule: .prefix(CancellationRule.defaultPrefix),
        reason: "invoices starting with C (\(example.value) beside \(example.beside))")
    }
    return CancellationDecision(
      rule: .none,
      reason:
        "none (\(column) values start with C but not as a prefix of other invoice numbers: \(firstPrefixed))"
    )
  }
}

extension CancellationDecision {
  /// The decision for a log held in memory.
  static func decide(table: Table, roles: ColumnRoles, explicit: CancellationRule?)
    -> CancellationDecision
  {
    var evidence: CancellationEvidence? = nil
    var isInteger = false
    if let name = roles[.invoice], let column = table[name] {
      switch column.data {
      case .category(_, let dictionary):
        var e = CancellationEvidence()
        e.add(dictionary: dictionary)
        evidence = e
      case .text(let v):
        var e = CancellationEvidence()
        e.add(dictionary: RFMInputs.encode(v).1)
        evidence = e
      case .integer: isInteger = true
      default: break
      }
    }
    return decide(
      explicit: explicit, names: table.columnNames, roles: roles,
      statusValues: { name in
        switch table[name]?.data {
        case .category(_, let dictionary)?: dictionary
        case .text(let v)?: RFMInputs.encode(v).1
        default: nil
        }
      },
      invoice: evidence, invoiceIsInteger: isInteger)
  }

  /// Per row of `table`, whether the line is a cancellation under ``rule`` (`nil`: none is).
  func rowFlags(_ table: Table, roles: ColumnRoles) -> (codes: [UInt32], flags: [Bool])? {
    switch rule {
    case .none: return nil
    case .status(let name):
      return table[name].flatMap(CancellationRule.statusFlags)
    case .events(let name):
      return table[name].flatMap(CancellationRule.eventFlags)
    case .prefix:
      guard let name = roles[.invoice], let column = table[name] else { return nil }
      switch column.data {
      case .category(let codes, let dictionary): return (codes, rule.invoiceFlags(dictionary))
      case .text(let v):
        let (codes, dictionary) = RFMInputs.encode(v)
        return (codes, rule.invoiceFlags(dictionary))
      default: return nil
      }
    }
  }
}
