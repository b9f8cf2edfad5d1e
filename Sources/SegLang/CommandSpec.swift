/// The description of one command: its syntax, documentation and handler, written once.
///
/// The parser reads the command's syntax from it, the validator checks arguments against it,
/// `help` and `docs/commands.md` are printed from it, and the interpreter calls ``run``.
///
/// ```swift
/// CommandSpec(
///   name: "head", category: .inspection,
///   summary: "Prints the first rows of the current table.",
///   positionals: [ArgumentSpec("n", .int, "how many rows", isRequired: false)],
///   examples: ["head 5"]
/// ) { context, arguments throws(RuntimeError) in
///   let n = try arguments.int("n") ?? 10
///   ...
/// }
/// ```
public struct CommandSpec: Sendable {
  /// What a command does when it runs. Reads arguments through ``CommandArguments``, changes
  /// ``ExecutionContext/workspace``, prints through ``ExecutionContext/write(_:)``, and throws a
  /// ``RuntimeError`` pointing at the offending token.
  public typealias Handler =
    @Sendable (_ context: inout ExecutionContext, _ arguments: CommandArguments) throws(
      RuntimeError
    ) -> Void

  /// The command word.
  public var name: String
  /// The group `help` lists it under.
  public var category: CommandCategory
  /// One sentence, shown by `help` and in the docs.
  public var summary: String
  /// Optional longer explanation, shown by `help CMD` and in the docs.
  public var discussion: String?
  /// Positional arguments in order.
  public var positionals: [ArgumentSpec]
  /// The expression the command takes after its positionals, if any.
  public var expression: ExpressionSpec?
  /// `key=value` options.
  public var options: [OptionSpec]
  /// Example statements; the first is shown by `help CMD`.
  public var examples: [String]
  /// A usage line replacing the generated one (for `set` and `param`, which have their own
  /// syntax).
  public var usageOverride: String?
  /// The handler; `nil` for statements the interpreter executes itself (`set`, `param`).
  public var run: Handler?
  /// When the command needs the rows of a streamed transaction log, which the interpreter then
  /// reads from the file before running it.
  public var transactionRows: TransactionRowsNeed = .whenCurrent
  /// The stage of the session the command needs (a table, the customer table, segments), which
  /// the interpreter checks before running it; `nil` when it needs none or decides itself
  /// (`show` of a named table, `export` of a CLV result).
  public var needs: SessionStage?

  /// Creates a command spec.
  public init(
    name: String, category: CommandCategory, summary: String, discussion: String? = nil,
    positionals: [ArgumentSpec] = [], expression: ExpressionSpec? = nil,
    options: [OptionSpec] = [], examples: [String], usageOverride: String? = nil,
    transactionRows: TransactionRowsNeed = .whenCurrent, needs: SessionStage? = nil,
    run: Handler?
  ) {
    self.name = name
    self.category = category
    self.summary = summary
    self.discussion = discussion
    self.positionals = positionals
    self.expression = expression
    self.options = options
    self.examples = examples
    self.usageOverride = usageOverride
    self.transactionRows = transactionRows
    self.needs = needs
    self.run = run
  }

  /// The option called `name`, if the command has one.
  public func option(named name: String) -> OptionSpec? {
    options.first { $0.name == name }
  }

  /// The usage line: `cluster k=INT [method=kmeans|kmedoids]`.
  public var usage: String {
    if let usageOverride { return usageOverride }
    var parts = [name]
    for p in positionals {
      var s = p.name.uppercased()
      if p.isVariadic { s += " ..." }
      parts.append(p.isRequired ? s : "[\(s)]")
    }
    if let e = expression {
      let s = e.name.uppercased()
      parts.append(e.isRequired ? s : "[\(s)]")
    }
    for o in options {
      let s = "\(o.name)=\(o.type.placeholder)"
      parts.append(o.isRequired ? s : "[\(s)]")
    }
    return parts.joined(separator: " ")
  }
}

/// A positional argument of a command.
public struct ArgumentSpec: Sendable {
  /// The name used in usage lines and by ``CommandArguments`` accessors.
  public var name: String
  /// The accepted type.
  public var type: ValueType
  /// One line of documentation.
  public var summary: String
  /// Whether it must be given.
  public var isRequired: Bool
  /// Whether it takes all remaining positional values (last argument only).
  public var isVariadic: Bool

  /// Creates a positional argument spec.
  public init(
    _ name: String, _ type: ValueType, _ summary: String, isRequired: Bool = true,
    isVariadic: Bool = false
  ) {
    self.name = name
    self.type = type
    self.summary = summary
    self.isRequired = isRequired
    self.isVariadic = isVariadic
  }
}

/// A `key=value` option of a command.
public struct OptionSpec: Sendable {
  /// The key.
  public var name: String
  /// The accepted type.
  public var type: ValueType
  /// One line of documentation.
  public var summary: String
  /// The value used when the option is not given, if any.
  public var defaultValue: Value?
  /// Whether it must be given.
  public var isRequired: Bool
  /// The smallest value a number option accepts, checked by `seg check` when the value is a
  /// literal (`cluster k=-1`), not only when the command runs.
  public var minimum: Double?

  /// Creates an option spec.
  public init(
    _ name: String, _ type: ValueType, _ summary: String, default defaultValue: Value? = nil,
    isRequired: Bool = false, minimum: Double? = nil
  ) {
    self.name = name
    self.type = type
    self.summary = summary
    self.defaultValue = defaultValue
    self.isRequired = isRequired
    self.minimum = minimum
  }
}

/// The expression a command takes (`filter CONDITION`, `assert CONDITION`).
public struct ExpressionSpec: Sendable {
  /// The name used in usage lines (`condition`).
  public var name: String
  /// One line of documentation.
  public var summary: String
  /// Whether it must be given.
  public var isRequired: Bool

  /// Creates an expression spec.
  public init(_ name: String, _ summary: String, isRequired: Bool = true) {
    self.name = name
    self.summary = summary
    self.isRequired = isRequired
  }
}

/// The group a command is listed under by `help` and in the docs, in ``order``.
public struct CommandCategory: Sendable, Hashable {
  /// The heading.
  public var title: String
  /// Sort key: lower comes first.
  public var order: Int

  /// Creates a category.
  public init(title: String, order: Int) {
    self.title = title
    self.order = order
  }

  /// `set`, `param`, `echo`, `assert`, `help`.
  public static let language = CommandCategory(title: "Language", order: 0)
  /// Loading and preparing data.
  public static let data = CommandCategory(title: "Data", order: 10)
  /// Inspecting tables: `show`, `head`.
  public static let inspection = CommandCategory(title: "Inspection", order: 20)
  /// Filtering and transforming rows: `filter`.
  public static let transformation = CommandCategory(title: "Transformation", order: 30)
  /// Segmentation: scaling, clustering, naming.
  public static let segmentation = CommandCategory(title: "Segmentation", order: 40)
  /// Charts, exports and reports.
  public static let output = CommandCategory(title: "Output", order: 50)
}

/// When a command needs the rows of a streamed transaction log (docs/rfm.md, "Streaming large
/// logs"), which `load` does not keep.
public enum TransactionRowsNeed: Sendable {
  /// Never: it works without them (`load`, `rfm`, `help`).
  case never
  /// When the transactions are the current table (most commands work on the current table).
  case whenCurrent
  /// Always: it may reach any table (`use`, `tables`).
  case always
}
