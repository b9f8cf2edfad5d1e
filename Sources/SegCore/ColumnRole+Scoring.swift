/// What the first rows say a column holds, for weighing role names with types.
public enum SampledKind: Sendable, Hashable {
  /// No value in the sample.
  case unknown
  /// Numbers (digits, separators, a sign, a currency symbol or code).
  case number
  /// Whole numbers of 8 digits that read as `YYYYMMDD` dates.
  case compactDate
  /// Whole numbers in the range of Unix epoch seconds or milliseconds for 1990–2100: dates when
  /// the column's name says date or time (`created_at`), numbers otherwise.
  case epoch
  /// Dates or date-times.
  case date
  /// Anything else.
  case text

  /// The kind of most sampled values (nine in ten), from their text.
  static func of(_ values: [String]) -> SampledKind {
    let present = values.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    guard !present.isEmpty else { return .unknown }
    func most(_ test: (String) -> Bool) -> Bool {
      present.reduce(0) { $0 + (test($1) ? 1 : 0) } * 10 >= present.count * 9
    }
    if most(isCompactDate) { return .compactDate }
    if most(isEpoch) { return .epoch }
    // Dates first: `2013-02-16` is made of number characters too.
    if most(isDateLike) { return .date }
    if most(isNumberLike) { return .number }
    return .text
  }

  /// `20101201`: eight digits, a plausible year, month and day.
  static func isCompactDate(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    guard bytes.count == 8 else { return false }
    return bytes.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return false }
      guard let t = DateParsing.parseCompact(p, 8) else { return false }
      let year = t / CivilCalendar.secondsPerDay / 365 + 1970
      return year >= 1900 && year <= 2100
    }
  }

  /// 9–10 digits (seconds) or 12–13 digits (milliseconds) in the loader's epoch range.
  static func isEpoch(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return false }
      return DateParsing.parseEpoch(p, b.count) != nil
    }
  }

  /// Digits with at most separators, a sign, parentheses, spaces and a currency symbol or a
  /// three-letter code (`1.234,56`, `(12.00)`, `EUR 12`, `$3`).
  static func isNumberLike(_ s: String) -> Bool {
    var digits = 0
    var letters = 0
    for u in s.unicodeScalars {
      if ("0"..."9").contains(u) {
        digits += 1
      } else if u.properties.isAlphabetic {
        letters += 1
      } else if !".,+-()' $€£¥%".unicodeScalars.contains(u) {
        return false
      }
    }
    // `1e5` reads as a number; letters beyond a currency code make text.
    return digits > 0 && letters <= 3
  }

  /// A date the loader reads, or a date written with an English month name (`11-Feb-17`).
  static func isDateLike(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    let parsed = bytes.withUnsafeBufferPointer { b -> Bool in
      guard let p = b.baseAddress else { return false }
      return DateParsing.parseISO(p, b.count) != nil || DateParsing.parseISOOffset(p, b.count) != nil
        || DateParsing.parseSlash(p, b.count) != nil
    }
    if parsed { return true }
    let lower = s.lowercased()
    let months = [
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    return lower.contains(where: \.isNumber) && months.contains { lower.contains($0) }
  }
}

extension ColumnRole {
  /// The words of a header name, in lower case: split at spaces, underscores, hyphens, dots and
  /// other punctuation and at camel-case humps (`Member_number` → member, number;
  /// `InvoiceNo` → invoice, no; `itemDescription` → item, description; `CustomerID` →
  /// customer, id).
  public static func tokens(of name: String) -> [String] {
    var words: [String] = []
    var current: [Character] = []
    func flush() {
      if !current.isEmpty { words.append(String(current).lowercased()) }
      current = []
    }
    let chars = Array(name)
    for (k, ch) in chars.enumerated() {
      guard ch.isLetter || ch.isNumber else {
        flush()
        continue
      }
      if let last = current.last {
        let nextIsLower = k + 1 < chars.count && chars[k + 1].isLowercase
        if ch.isUppercase && (last.isLowercase || (last.isUppercase && nextIsLower)) {
          flush()
        } else if ch.isNumber != last.isNumber {
          flush()
        }
      }
      current.append(ch)
    }
    flush()
    return words
  }

  /// Words that name the role, with their weight.
  var vocabulary: [String: Double] {
    switch self {
    case .customer:
      [
        "customer": 3, "customers": 3, "cust": 3, "member": 3, "client": 3, "buyer": 3,
        "shopper": 3, "consumer": 3, "user": 2, "account": 2, "patron": 2,
      ]
    case .invoice:
      [
        "invoice": 3, "order": 3, "receipt": 3, "basket": 3, "transaction": 3, "trans": 2,
        "txn": 3, "ticket": 2, "bill": 2, "tran": 2,
      ]
    case .date:
      [
        "date": 3, "timestamp": 3, "datetime": 3, "time": 2, "day": 2, "dt": 2, "created": 1,
        "purchase": 1, "at": 1,
      ]
    case .quantity: ["qty": 3, "quantity": 3, "units": 3, "quantities": 3, "pieces": 2]
    case .price: ["price": 3, "unitprice": 3, "cost": 1, "rate": 1]
    case .amount:
      [
        "sales": 3, "revenue": 3, "amount": 3, "spend": 3, "amt": 3, "total": 2, "value": 2,
        "payment": 2, "sale": 2, "turnover": 2, "profit": 1,
      ]
    case .product:
      [
        "sku": 3, "stockcode": 3, "stock": 2, "item": 2, "article": 2, "product": 2, "ean": 2,
        "upc": 2,
      ]
    case .description: ["description": 3, "desc": 3, "name": 2, "title": 1]
    case .country: ["country": 3, "nation": 2]
    case .category: ["category": 3, "department": 3, "dept": 2, "group": 1, "family": 1]
    }
  }

  /// Words that speak against the role (`Ship Date` is not the purchase date; `Customer Name`
  /// is not the id; freight is not the spend).
  var contrary: [String: Double] {
    switch self {
    case .customer, .invoice:
      [
        "name": 3, "date": 3, "time": 2, "timestamp": 3, "datetime": 3, "count": 2, "type": 2,
        "status": 3, "state": 3,
      ]
    case .product: ["name": 2, "category": 2, "count": 2]
    case .date:
      [
        "ship": 2, "shipping": 2, "shipped": 2, "delivery": 2, "delivered": 2, "approved": 2,
        "estimated": 2, "due": 2, "birth": 3, "signup": 2, "registration": 2, "limit": 2,
        "carrier": 2,
      ]
    case .amount:
      ["freight": 3, "shipping": 3, "tax": 3, "discount": 3, "fee": 2, "cost": 1, "unit": 2]
    case .price: ["freight": 3, "shipping": 3, "tax": 3, "discount": 3, "total": 2]
    case .quantity: ["returned": 2]
    default: [:]
    }
  }

  /// Words that sharpen the role when they accompany one of its own (`Order Date`, `CustomerID`).
  var companions: [String: Double] {
    switch self {
    case .customer, .invoice, .product: ["id": 0.5, "no": 0.5, "number": 0.5, "code": 0.5, "key": 0.5, "unique": 0.5, "nr": 0.5, "num": 0.5]
    case .date: ["order": 1, "invoice": 1, "transaction": 1, "trans": 1, "purchase": 1, "sale": 1]
    case .price: ["unit": 1, "each": 0.5]
    case .amount: ["line": 0.5, "net": 0.5, "gross": 0.5, "order": 0.5]
    case .description: ["product": 1, "item": 1]
    default: [:]
    }
  }

  /// Whether column `name`, of this sampled kind, can play the role (a date role needs dates, or
  /// epoch times under a name that says date or time; money needs numbers); `unknown` can play
  /// any.
  func accepts(_ kind: SampledKind, name: String) -> Bool {
    switch (self, kind) {
    case (_, .unknown): true
    case (.date, .date), (.date, .compactDate): true
    case (.date, .epoch): DateParsing.nameSaysDateOrTime(name)
    case (.date, _): false
    case (.quantity, .number), (.price, .number), (.amount, .number): true
    case (.quantity, .epoch), (.price, .epoch), (.amount, .epoch): true
    case (.quantity, _), (.price, _), (.amount, _): false
    case (.customer, .date), (.invoice, .date), (.product, .date): false
    case (.description, .number), (.description, .date), (.country, .number),
      (.country, .date), (.category, .date):
      false
    default: true
    }
  }
}

/// One role found by name: the column, the words that chose it and a close runner-up.
public struct RoleChoice: Sendable, Equatable, Hashable {
  /// The words of the header that matched the role (`member`), empty when the role was given.
  public var words: [String]
  /// Another column that scored at least a third of the winner's score for the role.
  public var runnerUp: String?
  /// Whether the column was named with an option (`customer=COL`).
  public var isExplicit: Bool

  /// `member`, `sales; runner-up Profit`, `given`.
  public var text: String {
    var s = isExplicit ? "given" : words.joined(separator: ", ")
    if let runnerUp { s += "; runner-up " + runnerUp }
    return s
  }
}

extension ColumnRoles {
  /// The score of `name` for `role`: its words' weights, less the contrary words and half a
  /// point per word no role knows; with the words that matched.
  static func score(_ role: ColumnRole, tokens: [String]) -> (score: Double, words: [String]) {
    let vocabulary = role.vocabulary
    var score = 0.0
    var words: [String] = []
    var matched = false
    for t in tokens {
      if let w = vocabulary[t] {
        if w > 0 { matched = true }
        score += w
        words.append(t)
      }
    }
    guard matched else { return (0, []) }
    let contrary = role.contrary
    let companions = role.companions
    for t in tokens where vocabulary[t] == nil {
      if let w = contrary[t] {
        score -= w
      } else if let w = companions[t] {
        score += w
      } else if ColumnRoles.strongWords.contains(t) {
        score -= 1  // another role's own word: `order_item_id` is less an order than `order_id`
      } else if !ColumnRoles.knownWords.contains(t) {
        score -= 0.5
      }
    }
    return (score, words)
  }

  /// Words that name some role with weight 2 or more.
  static let strongWords: Set<String> = {
    var all = Set<String>()
    for role in ColumnRole.allCases {
      all.formUnion(role.vocabulary.filter { $0.value >= 2 }.keys)
    }
    return all
  }()

  /// Every word some role knows (a word no role knows makes a name less likely for any).
  static let knownWords: Set<String> = {
    var all = Set<String>()
    for role in ColumnRole.allCases {
      all.formUnion(role.vocabulary.keys)
      all.formUnion(role.contrary.keys)
      all.formUnion(role.companions.keys)
    }
    return all
  }()

  /// Finds roles by scored names: each header's words are scored for each role, a column whose
  /// sampled values cannot play a role scores nothing for it, and the assignment with the
  /// highest total (one column per role, one role per column) wins. Explicit columns are taken
  /// first. Without a quantity column a `price` column is the line amount (one item per line).
  ///
  /// - Parameters:
  ///   - names: the header.
  ///   - explicit: columns named with options.
  ///   - kinds: what the first rows hold, per column (empty: unknown).
  /// - Throws: ``RoleLookupFailure`` when an explicit column does not exist.
  public static func detect(
    in names: [String],
    explicit: [ColumnRole: String] = [:],
    kinds: [SampledKind]
  ) throws(RoleLookupFailure) -> ColumnRoles {
    var roles = try explicitRoles(in: names, explicit: explicit)
    let taken = Set(roles.columns.values)
    let free = ColumnRole.allCases.filter { roles[$0] == nil }
    let candidates = names.indices.filter { !taken.contains(names[$0]) }
    var scores = [[Double]](
      repeating: [Double](repeating: 0, count: candidates.count), count: free.count)
    var words = scores.map { $0.map { _ in [String]() } }
    for (r, role) in free.enumerated() {
      for (k, j) in candidates.enumerated() {
        let kind = j < kinds.count ? kinds[j] : .unknown
        let (s, w) = score(role, tokens: ColumnRole.tokens(of: names[j]))
        if s > 0 {
          // A column whose first values do not fit the role (text in a `Quantity` column,
          // serial numbers under `dateformat=excel`) keeps a fifth of its score: a fitting
          // column with a good name wins, but a misfit that is the only candidate still gets
          // the role, so that the loader reads it and names the bad value's line and column
          // instead of silently leaving the role out.
          scores[r][k] = role.accepts(kind, name: names[j]) ? s : s / 5
          words[r][k] = w
        }
      }
    }
    // The best total: the Hungarian algorithm on negated scores (ties by role and column order).
    let costs = scores.flatMap { $0.map { -$0 } }
    let assignment = OptimalAssignment.minimizingCost(
      costs, rows: free.count, columns: candidates.count)
    for (r, role) in free.enumerated() {
      guard let k = assignment[r], scores[r][k] > 0 else { continue }
      let name = names[candidates[k]]
      roles[role] = name
      var runnerUp: String? = nil
      var best = 0.0
      for (k2, s) in scores[r].enumerated() where k2 != k && s * 3 >= scores[r][k] && s > best {
        best = s
        runnerUp = names[candidates[k2]]
      }
      roles.choices[role] = RoleChoice(words: words[r][k], runnerUp: runnerUp, isExplicit: false)
    }
    if roles[.quantity] == nil, roles[.amount] == nil, explicit[.price] == nil,
      let price = roles[.price]
    {
      roles[.price] = nil
      roles[.amount] = price
      var choice = roles.choices[.price] ?? RoleChoice(words: [], isExplicit: false)
      choice.words.append("no quantity: one item per line")
      roles.choices[.price] = nil
      roles.choices[.amount] = choice
    }
    if roles[.product] == nil, explicit[.description] == nil, let description = roles[.description] {
      // Without product codes the item names are the products (`itemDescription` of a basket
      // log): distinct products and affinity count them.
      roles[.description] = nil
      roles[.product] = description
      var choice = roles.choices[.description] ?? RoleChoice(words: [], isExplicit: false)
      choice.words.append("no product code: names are the products")
      roles.choices[.description] = nil
      roles.choices[.product] = choice
    }
    return roles
  }
}
