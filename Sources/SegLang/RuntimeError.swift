/// An error that stops a running script, with the diagnostic that explains it.
///
/// Throw one from a command handler to stop the script, pointing at the token that caused it:
///
/// ```swift
/// throw RuntimeError(.unknownName, "no column 'recncy'", at: name.range)
///   .withHelp("did you mean 'recency'?")
/// ```
public struct RuntimeError: Error, Sendable, Equatable {
  /// What kind of failure this is; it decides the exit status.
  public enum Kind: Sendable, Equatable {
    /// A runtime or data error (exit status 1).
    case failure
    /// An `assert` failed (exit status 3).
    case assertion
    /// The user interrupted a long step.
    case cancelled
  }

  /// What kind of failure this is.
  public var kind: Kind
  /// The explanation, pointing into the script.
  public var diagnostic: Diagnostic

  /// Creates an error from a diagnostic.
  public init(_ diagnostic: Diagnostic, kind: Kind = .failure) {
    self.kind = kind
    self.diagnostic = diagnostic
  }

  /// Creates an error with a message at `range`.
  public init(
    _ id: DiagnosticID, _ message: String, at range: SourceRange, kind: Kind = .failure
  ) {
    self.init(Diagnostic(id, message, at: range), kind: kind)
  }

  /// Returns a copy with a `help:` line.
  public func withHelp(_ text: String) -> RuntimeError {
    RuntimeError(diagnostic.withHelp(text), kind: kind)
  }

  /// Returns a copy with a `note:` line.
  public func withNote(_ text: String, at range: SourceRange? = nil) -> RuntimeError {
    RuntimeError(diagnostic.withNote(text, at: range), kind: kind)
  }

  /// The error for a file `export`, `report`, `plot ... to` or `save` could not write: the host's
  /// message (with the system's reason, such as `ENOSPC`) and its advice.
  public static func writeFailure(_ error: HostError, at range: SourceRange) -> RuntimeError {
    RuntimeError(.fileError, error.message, at: range)
      .withHelp(error.help ?? "check that the folder exists and can be written")
  }
}
