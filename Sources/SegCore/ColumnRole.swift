/// What a column means to RFM. Roles matter only to RFM and to the load report's row accounting;
/// any CSV loads whether or not it has them.
public enum ColumnRole: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
  case customer, invoice, date, quantity, price, amount, product, description, country, category

  /// Header names recognised for the role, normalised (lower case, no spaces, underscores or
  /// hyphens), in order of preference.
  public var knownNames: [String] {
    switch self {
    case .customer:
      [
        "customerid", "customer", "customerno", "customernumber", "customercode", "clientid",
        "client",
        "userid", "memberid", "accountid",
      ]
    case .invoice:
      [
        "invoiceno", "invoice", "invoiceid", "invoicenumber", "orderid", "order", "orderno",
        "ordernumber", "transactionid", "transaction", "transactionno", "receiptid", "basketid",
      ]
    case .date:
      [
        "invoicedate", "date", "orderdate", "transactiondate", "purchasedate", "datetime",
        "timestamp", "saledate",
      ]
    case .quantity: ["quantity", "qty", "units", "quantityordered", "unitssold"]
    case .price: ["unitprice", "price", "priceeach", "unitcost", "itemprice"]
    case .amount:
      [
        "amount", "revenue", "salesvalue", "sales", "total", "totalamount", "ordervalue",
        "ordertotal", "totalprice", "linetotal", "spend", "netamount",
      ]
    case .product:
      [
        "stockcode", "productid", "product", "productcode", "sku", "itemid", "itemcode", "item",
        "articleid",
      ]
    case .description:
      ["description", "productname", "itemdescription", "itemname", "productdescription"]
    case .country: ["country", "countryname", "countrycode"]
    case .category:
      ["category", "productcategory", "department", "productgroup", "categoryname", "itemcategory"]
    }
  }

  /// Whether the loader insists on numbers in this column.
  var isNumeric: Bool { self == .quantity || self == .price || self == .amount }

  public static func < (a: ColumnRole, b: ColumnRole) -> Bool {
    allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
  }

  /// Lower case without spaces, underscores, hyphens or dots: `Customer ID` → `customerid`.
  public static func normalized(_ name: String) -> String {
    String(
      name.lowercased().unicodeScalars.filter {
        !($0 == " " || $0 == "_" || $0 == "-" || $0 == "." || $0 == "\t")
      }
    )
  }
}

/// Which column plays which role: column names by role.
public struct ColumnRoles: Sendable, Equatable, CustomStringConvertible {
  /// Column names by role.
  public var columns: [ColumnRole: String]
  /// Which lines are cancellations, once `load` has decided it from the data (`nil`: decided
  /// from the rows when RFM runs).
  public var cancellation: CancellationDecision?
  /// Why each role's column was chosen (the words that matched, a close runner-up).
  public var choices: [ColumnRole: RoleChoice] = [:]

  /// Creates an assignment.
  public init(_ columns: [ColumnRole: String] = [:], cancellation: CancellationDecision? = nil) {
    self.columns = columns
    self.cancellation = cancellation
  }

  /// Whether these roles make a transaction log ready for RFM: customer and date columns, and
  /// money (``hasMoney``) or, for a log without money, an invoice, product or description
  /// column (a basket log such as `Member_number, Date, itemDescription`).
  public var isTransactionLog: Bool {
    self[.customer] != nil && self[.date] != nil
      && (hasMoney || self[.invoice] != nil || self[.product] != nil || self[.description] != nil)
  }

  /// Whether line values can be found: an amount column, or quantity and price.
  public var hasMoney: Bool {
    self[.amount] != nil || (self[.quantity] != nil && self[.price] != nil)
  }

  /// The column name for `role`, if any.
  public subscript(role: ColumnRole) -> String? {
    get { columns[role] }
    set { columns[role] = newValue }
  }

  /// `role=column` pairs in role order.
  public var description: String {
    columns.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }.joined(
      separator: " "
    )
  }

  /// Finds roles among `names` by scored names, without sampled values (see
  /// ``detect(in:explicit:kinds:)``).
  ///
  /// - Throws: ``RoleLookupFailure`` when an explicit column does not exist; it carries the
  ///   nearest column names by edit distance.
  public static func detect(
    in names: [String],
    explicit: [ColumnRole: String] = [:]
  ) throws(RoleLookupFailure) -> ColumnRoles {
    try detect(in: names, explicit: explicit, kinds: [])
  }

  /// The explicit assignments: exact name, else the same normalised name.
  static func explicitRoles(
    in names: [String],
    explicit: [ColumnRole: String]
  ) throws(RoleLookupFailure) -> ColumnRoles {
    var roles = ColumnRoles()
    for role in ColumnRole.allCases {
      guard let wanted = explicit[role] else { continue }
      if let exact = names.first(where: { $0 == wanted })
        ?? names.first(where: {
          ColumnRole.normalized($0) == ColumnRole.normalized(wanted)
        })
      {
        roles[role] = exact
        roles.choices[role] = RoleChoice(words: [], isExplicit: true)
      } else {
        throw RoleLookupFailure(
          role: role,
          wanted: wanted,
          available: names,
          suggestions: NameSuggestions.nearest(to: wanted, among: names)
        )
      }
    }
    return roles
  }
}

/// A role column that was asked for and does not exist.
public struct RoleLookupFailure: Error, Sendable, Equatable {
  /// The role.
  public var role: ColumnRole
  /// The name asked for, or `nil` when the role was looked up by its known names.
  public var wanted: String?
  /// The columns that exist.
  public var available: [String]
  /// The nearest existing names, best first.
  public var suggestions: [String]

  /// "no column 'Custmer' for the customer role; columns: A, B, C"
  public var message: String {
    var text: String
    if let wanted {
      text = "no column '\(wanted)' for the \(role.rawValue) role"
    } else {
      text =
        "no \(role.rawValue) column (looked for \(role.knownNames.prefix(4).joined(separator: ", ")))"
    }
    text += "; columns: " + available.joined(separator: ", ")
    return text
  }

  /// "did you mean 'Customer ID'?" or a hint to name the column.
  public var hint: Remark {
    if let first = suggestions.first { return "did you mean '\(first)'?" }
    return "name it with \(setting: .role(role), "COLUMN")"
  }
}
