import SegCore

/// A three-valued truth value: filters keep rows where a condition is ``yes``; ``unknown`` comes
/// from comparisons with missing values and is reported separately.
enum Logic: UInt8, Sendable {
  case no = 0
  case yes = 1
  case unknown = 2

  init(_ b: Bool) { self = b ? .yes : .no }

  static func and(_ a: Logic, _ b: Logic) -> Logic {
    if a == .no || b == .no { return .no }
    if a == .unknown || b == .unknown { return .unknown }
    return .yes
  }

  static func or(_ a: Logic, _ b: Logic) -> Logic {
    if a == .yes || b == .yes { return .yes }
    if a == .unknown || b == .unknown { return .unknown }
    return .no
  }

  var negated: Logic {
    switch self {
    case .no: .yes
    case .yes: .no
    case .unknown: .unknown
    }
  }
}

/// Text values of a column, dictionary-encoded so comparisons run once per distinct value.
struct TextVector: Sendable {
  /// `codes[i]` indexes `dictionary`; ``Column/missingCode`` marks a missing value.
  var codes: [UInt32]
  var dictionary: [String]

  init(codes: [UInt32], dictionary: [String]) {
    self.codes = codes
    self.dictionary = dictionary
  }

  init(_ values: [String?]) {
    var index: [String: UInt32] = [:]
    var dictionary: [String] = []
    var codes = [UInt32]()
    codes.reserveCapacity(values.count)
    for v in values {
      guard let v else {
        codes.append(Column.missingCode)
        continue
      }
      if let c = index[v] {
        codes.append(c)
      } else {
        let c = UInt32(dictionary.count)
        index[v] = c
        dictionary.append(v)
        codes.append(c)
      }
    }
    self.codes = codes
    self.dictionary = dictionary
  }

  /// Maps each distinct value through `f` once, then each row through the result.
  func map(_ f: (String) -> Logic) -> [Logic] {
    let perValue = dictionary.map(f)
    return codes.map { $0 == Column.missingCode ? .unknown : perValue[Int($0)] }
  }
}

/// The result of evaluating an expression over the current table: one value, or one value per
/// row.
enum Operand: Sendable {
  case scalar(Value)
  /// NaN marks a missing value.
  case numbers([Double])
  /// Seconds since the epoch; ``Column/missingInteger`` marks a missing value.
  case dates([Int64])
  case texts(TextVector)
  case logical([Logic])

  /// The operand for a table column.
  init(_ column: Column) {
    switch column.data {
    case .integer(let v):
      self = .numbers(v.map { $0 == Column.missingInteger ? .nan : Double($0) })
    case .decimal(let v):
      self = .numbers(v)
    case .datetime(let v):
      self = .dates(v)
    case .text(let v):
      self = .texts(TextVector(v))
    case .category(let codes, let dictionary):
      self = .texts(TextVector(codes: codes, dictionary: dictionary))
    case .boolean(let v):
      self = .logical(v.map { $0.map(Logic.init) ?? .unknown })
    }
  }

  var isScalar: Bool {
    if case .scalar = self { true } else { false }
  }

  /// What kind of values it holds, for messages: "a number column", "a string".
  var kindDescription: String {
    switch self {
    case .scalar(let v): "a \(v.typeName)"
    case .numbers: "a number column"
    case .dates: "a date column"
    case .texts: "a text column"
    case .logical: "a true/false column"
    }
  }
}
