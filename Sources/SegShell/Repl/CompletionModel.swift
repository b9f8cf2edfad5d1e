/// What Tab completion knows about the language and the session: filled by the REPL from the
/// command registry and the current workspace before each prompt.
///
/// Completion never parses with the real grammar; it needs only these names and, per command,
/// what each argument slot holds (``ValueKind``).
struct CompletionModel: Sendable, Equatable {
  /// What a slot of a command holds, and so what Tab offers there.
  enum ValueKind: Sendable, Equatable {
    /// Nothing to offer (a number, free text).
    case none
    /// One of a fixed set of words, e.g. `method=` → `kmeans`, `hierarchical`, `dbscan`, `gmm`.
    case choice([String])
    /// A column of the current table.
    case column
    /// A column or a bracketed list of columns, `cols=[recency, frequency]`.
    case columns
    /// An expression over columns (and `$variables`): columns and ``expressionKeywords``.
    case expression
    /// A file path, written as a double-quoted string.
    case path
    /// The name of a segment.
    case segment
  }

  /// A named option, written `name=value`.
  struct Option: Sendable, Equatable {
    /// The option's name, without `=`.
    var name: String
    /// What its value is.
    var value: ValueKind

    init(_ name: String, _ value: ValueKind) {
      self.name = name
      self.value = value
    }
  }

  /// A command of the language.
  struct Command: Sendable, Equatable {
    /// The command word, such as `cluster`.
    var name: String
    /// Its named options.
    var options: [Option]
    /// What its positional (unnamed) arguments are.
    var arguments: ValueKind

    init(_ name: String, options: [Option] = [], arguments: ValueKind = .none) {
      self.name = name
      self.options = options
      self.arguments = arguments
    }

    /// The option called `name`, if the command has one.
    func option(named name: String) -> Option? {
      options.first { $0.name == name }
    }
  }

  /// Every command of the language.
  var commands: [Command] = []
  /// The columns of the current table.
  var columns: [String] = []
  /// The named segments of the workspace.
  var segments: [String] = []
  /// The defined variables, without the leading `$`.
  var variables: [String] = []
  /// Words offered with columns inside expressions (`and`, `or`, `not`).
  var expressionKeywords: [String] = []
  /// Functions offered inside expressions, inserted as `mean(`.
  var functions: [String] = []
  /// The dot-commands offered at the start of a line.
  var dotCommands: [String] = DotCommand.names

  /// The command called `name`, if there is one.
  func command(named name: String) -> Command? {
    commands.first { $0.name == name }
  }
}
