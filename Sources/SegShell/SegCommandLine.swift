import SegLang

/// The `seg` command line: decides what to run from the arguments and returns the exit status.
public enum SegCommandLine {
  public static func main(arguments: [String]) -> ExitStatus {
    if arguments == ["--version"] {
      print("seg \(SegVersion.string)")
      return .success
    }
    return .usageError
  }
}
