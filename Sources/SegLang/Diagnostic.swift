/// One message about a script: a syntax error, a failed check, a runtime error or a warning.
///
/// Diagnostics are data; ``DiagnosticRenderer`` formats them. Every diagnostic has a stable
/// ``id`` (`unknown-command`, `type-mismatch`, ...) that tests and CI match on, and a primary
/// ``range`` of UTF-8 offsets into the source it belongs to; line and column are derived only when
/// rendering.
public struct Diagnostic: Sendable, Equatable {
  /// The stable identifier of this kind of diagnostic.
  public var id: DiagnosticID
  /// How serious it is.
  public var severity: DiagnosticSeverity
  /// A one-line message, lower case, without a trailing full stop.
  public var message: String
  /// The offending token or construct.
  public var range: SourceRange
  /// Further explanation, each printed after the snippet.
  public var notes: [DiagnosticNote]
  /// A suggested replacement for ``range`` (or another range), printed as `help:`.
  public var fixIt: FixIt?

  /// Creates a diagnostic.
  public init(
    _ id: DiagnosticID, severity: DiagnosticSeverity = .error, _ message: String,
    at range: SourceRange, notes: [DiagnosticNote] = [], fixIt: FixIt? = nil
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.range = range
    self.notes = notes
    self.fixIt = fixIt
  }

  /// Returns a copy with a `help:` note appended.
  public func withHelp(_ text: String) -> Diagnostic {
    var copy = self
    copy.notes.append(DiagnosticNote(kind: .help, text))
    return copy
  }

  /// Returns a copy with a `note:` appended, optionally pointing at source.
  public func withNote(_ text: String, at range: SourceRange? = nil) -> Diagnostic {
    var copy = self
    copy.notes.append(DiagnosticNote(kind: .note, text, at: range))
    return copy
  }
}

/// How serious a ``Diagnostic`` is.
public enum DiagnosticSeverity: String, Sendable, Equatable {
  case error, warning, note
}

/// A secondary line of a ``Diagnostic``: `note: ...` or `help: ...`.
public struct DiagnosticNote: Sendable, Equatable {
  /// Whether the note explains (`note`) or suggests (`help`).
  public enum Kind: String, Sendable, Equatable {
    case note, help
  }

  /// Whether the note explains or suggests.
  public var kind: Kind
  /// The text of the note.
  public var message: String
  /// Source the note points at, drawn with its own snippet, if any.
  public var range: SourceRange?

  /// Creates a note.
  public init(kind: Kind, _ message: String, at range: SourceRange? = nil) {
    self.kind = kind
    self.message = message
    self.range = range
  }
}

/// A suggested edit: replace ``range`` with ``replacement``.
public struct FixIt: Sendable, Equatable {
  /// The text to replace.
  public var range: SourceRange
  /// The replacement text.
  public var replacement: String
  /// The `help:` line shown for it, e.g. `did you mean 'cluster'?`.
  public var message: String

  /// Creates a fix-it.
  public init(replacing range: SourceRange, with replacement: String, message: String) {
    self.range = range
    self.replacement = replacement
    self.message = message
  }

  /// The usual near-miss fix-it: `did you mean 'cluster'?`.
  public static func didYouMean(_ replacement: String, at range: SourceRange) -> FixIt {
    FixIt(replacing: range, with: replacement, message: "did you mean '\(replacement)'?")
  }
}
