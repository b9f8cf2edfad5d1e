/// How a `seg` process ends. Decided here, and only here.
public enum ExitStatus: Int32, Sendable, Equatable {
  /// Everything ran.
  case success = 0
  /// A runtime or data error stopped the script.
  case runtimeError = 1
  /// A usage or syntax error: nothing ran.
  case usageError = 2
  /// An `assert` failed.
  case assertionFailed = 3

  public var isSuccess: Bool { self == .success }
}
