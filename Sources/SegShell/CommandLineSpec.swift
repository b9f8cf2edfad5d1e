import SegLang

/// The `seg` command line as data: its subcommands, their flags and arguments. Shell
/// completions (``ShellCompletions``) and the man page (``ManualPage``) are generated from it, and
/// a test checks that ``SegCommandLine`` accepts everything listed here.
struct CommandLineSpec {
  /// What a flag takes after `=` (or as the next argument).
  enum FlagValue: Equatable {
    /// One of these words.
    case choice([String])
    /// A file path.
    case file
  }

  /// A `--flag` of a subcommand.
  struct Flag {
    var name: String
    var value: FlagValue?
    var summary: String
  }

  /// `seg NAME ...`.
  struct Subcommand {
    var name: String
    /// The arguments after the name, as the synopsis shows them.
    var synopsis: String
    var summary: String
    var flags: [Flag] = []
    /// Whether it takes `.seg` files.
    var takesScripts = false
    /// Whether `NAME=VALUE` parameters follow the script.
    var takesParameters = false
    /// Fixed words it takes (`completions bash|zsh|fish`).
    var words: [String] = []
  }

  static let formatFlag = Flag(
    name: "--format", value: .choice(DiagnosticFormat.allCases.map(\.rawValue)),
    summary:
      "how diagnostics are printed: text for people (the default), github (workflow annotations; the default when GITHUB_ACTIONS=true) or json (one object per line)"
  )

  /// The subcommands, in the order `seg --help` lists them.
  static let subcommands: [Subcommand] = [
    Subcommand(
      name: "run", synopsis: "[--format=FORMAT] [--junit FILE] FILE [NAME=VALUE ...]",
      summary: "runs a script (FILE may be - for standard input), setting its parameters",
      flags: [
        formatFlag,
        Flag(
          name: "--junit", value: .file,
          summary: "also writes the run as JUnit XML to FILE: one testcase per assert"),
      ], takesScripts: true, takesParameters: true),
    Subcommand(
      name: "check", synopsis: "[--format=FORMAT] [--strict] FILE [NAME=VALUE ...]",
      summary:
        "parses and validates a script without running it, and warns about what it does in the wrong order",
      flags: [
        formatFlag,
        Flag(name: "--strict", value: nil, summary: "makes the warnings errors"),
      ], takesScripts: true, takesParameters: true),
    Subcommand(
      name: "fmt", synopsis: "[--check] FILE ...",
      summary: "rewrites scripts in the canonical layout, keeping comments",
      flags: [
        Flag(
          name: "--check", value: nil,
          summary: "changes nothing; prints a diff and exits with status 1 if a file would change")
      ], takesScripts: true),
    Subcommand(
      name: "completions", synopsis: "bash|zsh|fish",
      summary: "prints the shell completion script for bash, zsh or fish",
      words: ShellCompletions.Shell.allCases.map(\.rawValue)),
    Subcommand(name: "man", synopsis: "", summary: "prints this manual page (roff)"),
  ]

  /// The options that stand alone: `seg -c`, `seg --help`, ...
  static let globalOptions: [(name: String, synopsis: String, summary: String)] = [
    ("-c", "-c 'STATEMENTS' [NAME=VALUE ...]", "runs statements separated by ';' or line breaks"),
    ("--no-init", "--no-init", "starts the interactive shell without running ~/.segrc"),
    ("--help", "--help", "prints the usage"),
    ("--version", "--version", "prints the version and the git commit seg was built from"),
  ]

  /// Every word that may follow `seg`.
  static var firstWords: [String] { subcommands.map(\.name) + globalOptions.map(\.name) }
}
