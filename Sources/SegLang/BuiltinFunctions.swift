import SegCore

/// The functions every session has: aggregates over the current table and a few row-wise helpers.
///
/// Aggregates skip missing values and return a missing value over no rows. Sums add in row
/// order, so results are identical run to run. `median` of an even count is the mean of the two
/// middle values.
enum BuiltinFunctions {
  static let all: [FunctionSpec] = [
    aggregate("min", "The smallest value of a column (or date column).") { xs in xs.min() },
    aggregate("max", "The largest value of a column (or date column).") { xs in xs.max() },
    aggregate("sum", "The sum of a column, added in row order.") { xs in
      var s = 0.0
      for x in xs { s += x }
      return s
    },
    aggregate("mean", "The arithmetic mean of a column.") { xs in
      guard !xs.isEmpty else { return nil }
      var s = 0.0
      for x in xs { s += x }
      return s / Double(xs.count)
    },
    aggregate("median", "The median of a column.") { xs in
      guard !xs.isEmpty else { return nil }
      let sorted = xs.sorted()
      let m = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    },
    FunctionSpec(
      vectorName: "count", signature: "count() or count(CONDITION)",
      summary: "The number of rows of the current table, or of rows where the condition holds.",
      arity: 0...1
    ) { args, call throws(RuntimeError) in
      guard let first = args.first else { return .scalar(.number(Double(call.workspace.table.rowCount))) }
      let n = try truthCount(first, call)
      return .scalar(.number(Double(n)))
    },
    FunctionSpec(
      vectorName: "share", signature: "share(CONDITION)",
      summary: "The fraction of rows of the current table where the condition holds (0 to 1).",
      arity: 1...1
    ) { args, call throws(RuntimeError) in
      let rows = call.workspace.table.rowCount
      let n = try truthCount(args[0], call)
      return .scalar(rows == 0 ? .missing : .number(Double(n) / Double(rows)))
    },
    FunctionSpec(
      vectorName: "missing", signature: "missing(COLUMN)",
      summary: "True for each row where the value is missing.", arity: 1...1
    ) { args, call throws(RuntimeError) in
      switch args[0] {
      case .numbers(let v): return .logical(v.map { Logic($0.isNaN) })
      case .dates(let v): return .logical(v.map { Logic($0 == Column.missingInteger) })
      case .texts(let t): return .logical(t.codes.map { Logic($0 == Column.missingCode) })
      case .logical(let v): return .logical(v.map { Logic($0 == .unknown) })
      case .scalar(let v): return .scalar(.bool(v == .missing))
      }
    },
    FunctionSpec(
      vectorName: "abs", signature: "abs(X)", summary: "The absolute value, row by row.", arity: 1...1
    ) { args, call throws(RuntimeError) in
      switch args[0] {
      case .numbers(let v): return .numbers(v.map { abs($0) })
      case .scalar(.number(let x)): return .scalar(.number(abs(x)))
      case .scalar(.missing): return .scalar(.missing)
      case let other:
        throw RuntimeError(
          .typeError, "abs needs numbers, but this is \(other.kindDescription)",
          at: call.argumentRange(0))
      }
    },
  ]

  /// An aggregate over the non-missing numbers (or dates, for min and max) of its argument.
  static func aggregate(
    _ name: String, _ summary: String, _ reduce: @escaping @Sendable ([Double]) -> Double?
  ) -> FunctionSpec {
    FunctionSpec(
      vectorName: name, signature: "\(name)(COLUMN)", summary: summary, arity: 1...1
    ) { args, call throws(RuntimeError) in
      switch args[0] {
      case .numbers(let v):
        return .scalar(reduce(v.filter { !$0.isNaN }).map(Value.number) ?? .missing)
      case .scalar(.number(let x)):
        return .scalar(reduce([x]).map(Value.number) ?? .missing)
      case .scalar(.missing):
        return .scalar(.missing)
      case .dates(let v) where name == "min" || name == "max":
        let present = v.filter { $0 != Column.missingInteger }
        guard let r = name == "min" ? present.min() : present.max() else { return .scalar(.missing) }
        return .scalar(.date(DateValue(secondsSinceEpoch: r, includesTime: r % 86_400 != 0)))
      case let other:
        throw RuntimeError(
          .typeError, "\(name) needs a number column, but this is \(other.kindDescription)",
          at: call.argumentRange(0))
      }
    }
  }

  static func truthCount(_ o: Operand, _ call: FunctionCall) throws(RuntimeError) -> Int {
    switch o {
    case .logical(let v): return v.reduce(0) { $0 + ($1 == .yes ? 1 : 0) }
    case .scalar(.bool(let b)): return b ? call.workspace.table.rowCount : 0
    case .scalar(.missing): return 0
    case let other:
      throw RuntimeError(
        .typeError, "\(call.expression.name) needs a condition, but this is \(other.kindDescription)",
        at: call.argumentRange(0))
    }
  }
}

/// The built-in values every session has.
enum BuiltinScalars {
  static let all: [ScalarSpec] = [
    ScalarSpec(name: "rows", summary: "The number of rows of the current table.") {
      .number(Double($0.table.rowCount))
    }
  ]
}

/// The typed settings every session has.
enum BuiltinSettings {
  static let all: [SettingSpec] = [
    SettingSpec(
      name: "seed", type: .int,
      summary: "The seed of every random step (default \(SeededGenerator.defaultSeed)).",
      default: .number(Double(SeededGenerator.defaultSeed))
    ) { v in
      (v.integer ?? -1) >= 0 ? nil : "the seed must be a whole number from 0 up"
    },
    SettingSpec(
      name: "asof", type: .date,
      summary: "The reference date for recency (default: the day after the last transaction)."),
  ]
}
