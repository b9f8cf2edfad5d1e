/// A namespace for command groups. Each feature adds one file, `Commands+Feature.swift`, with a
/// static `[CommandSpec]` (and any functions or values it offers), and registers it in
/// `CommandRegistry+Standard.swift`.
enum Commands {}
