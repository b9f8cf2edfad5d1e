// Stand-ins for the interpreter's types, which the command registry's handler type names but the
// lexer and parser never use. Only for the script fuzz target (scripts/fuzz).

public struct ExecutionContext: Sendable {}
public struct CommandArguments: Sendable {}
public struct Workspace: Sendable {}
public enum Operand: Sendable {}
public struct RuntimeError: Error {}
