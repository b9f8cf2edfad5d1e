extension Commands {
  /// `set`, `param`, `echo`, `assert`, `help`.
  static let language: [CommandSpec] = [
    CommandSpec(
      name: "set", category: .language,
      summary: "Sets a session variable to the value of an expression; read it back as $name.",
      discussion: """
        The value must be a single value (use an aggregate such as mean(...) for a column). \
        `seed` (a whole number from 0 up) seeds every random step; `asof` (a date) is the \
        reference date for recency.
        """,
      examples: ["set seed = 7", "set asof = 2011-12-10", "set big = 2 * mean(monetary)"],
      usageOverride: "set NAME = EXPRESSION", run: nil),
    CommandSpec(
      name: "param", category: .language,
      summary: "Declares a script parameter with a type and an optional default.",
      discussion: """
        Types are int, number, string, date and bool. `seg run script.seg k=5` overrides the \
        default; the value is checked against the type before anything runs, and a parameter \
        without a default must be given. Read it as $name.
        """,
      examples: ["param k: int = 4", "param asof: date = 2011-12-10", "param label: string"],
      usageOverride: "param NAME: TYPE [= DEFAULT]", run: nil),
    CommandSpec(
      name: "echo", category: .language,
      summary: "Prints values separated by spaces.",
      discussion: "Strings print without quotes, numbers by the number-formatting rules.",
      positionals: [
        ArgumentSpec("values", .any, "what to print", isRequired: false, isVariadic: true)
      ],
      examples: ["echo \"customers:\" count()", "echo \"seed is\" $seed"],
      run: { context, arguments throws(RuntimeError) in
        context.write(arguments.list("values").map(\.description).joined(separator: " "))
      }),
    CommandSpec(
      name: "assert", category: .language,
      summary: "Stops the script with exit status 3 unless the condition holds.",
      discussion: """
        A condition over a column holds when it is true for every row. On failure the \
        expression, the values in it and the message are printed.
        """,
      expression: ExpressionSpec("condition", "what must be true"),
      options: [OptionSpec("msg", .string, "a message shown when the assertion fails")],
      examples: ["assert count() > 0, msg=\"no customers\"", "assert $seed == 42"],
      run: { context, arguments throws(RuntimeError) in
        guard let condition = arguments.expression else { return }
        try Assertion.check(condition, message: arguments.string("msg"), in: context)
      }),
    CommandSpec(
      name: "help", category: .language,
      summary: "Lists the commands, or explains one command or function.",
      positionals: [ArgumentSpec("topic", .name, "a command or function name", isRequired: false)],
      examples: ["help", "help filter"],
      transactionRows: .never,
      run: { context, arguments throws(RuntimeError) in
        guard let topic = arguments.string("topic") else {
          context.write(HelpText.overview(context.registry))
          return
        }
        guard
          let text = HelpText.topic(
            topic, context.registry, width: context.host.terminalColumns)
        else {
          var error = RuntimeError(
            .unknownCommand, "no command or function '\(topic)'", at: arguments.range(of: "topic"))
          let names = context.registry.commands.map(\.name) + context.registry.functions.map(\.name)
          if let s = EditDistance.suggestion(for: topic, among: names) {
            error.diagnostic.fixIt = .didYouMean(s, at: arguments.range(of: "topic"))
          }
          throw error
        }
        context.write(text)
      }),
  ]
}
