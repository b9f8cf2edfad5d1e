/// The text `help` prints, generated from the registry.
enum HelpText {
  /// Every command grouped by category, then the functions and built-in values.
  static func overview(_ registry: CommandRegistry) -> String {
    var out = ""
    let width = registry.commands.map(\.name.count).max() ?? 0
    for (category, specs) in grouped(registry) {
      out += category.title + "\n"
      for s in specs {
        out += "  " + s.name + String(repeating: " ", count: width - s.name.count + 2) + s.summary + "\n"
      }
      out += "\n"
    }
    if !registry.functions.isEmpty {
      out += "Functions: " + registry.functions.map(\.name).joined(separator: ", ") + "\n"
    }
    if !registry.scalars.isEmpty {
      out += "Values: " + registry.scalars.map(\.name).joined(separator: ", ") + "\n"
    }
    out += "Type 'help COMMAND' for its options and an example."
    return out
  }

  /// The commands grouped by category, categories in order, commands in registration order.
  static func grouped(_ registry: CommandRegistry) -> [(CommandCategory, [CommandSpec])] {
    var order: [CommandCategory] = []
    var groups: [CommandCategory: [CommandSpec]] = [:]
    for s in registry.commands {
      if groups[s.category] == nil { order.append(s.category) }
      groups[s.category, default: []].append(s)
    }
    return order.sorted { ($0.order, $0.title) < ($1.order, $1.title) }.map { ($0, groups[$0] ?? []) }
  }

  /// Help for a command or function, or `nil` when there is none by that name.
  static func topic(_ name: String, _ registry: CommandRegistry, width: Int? = nil) -> String? {
    if let spec = registry.command(named: name) { return command(spec, registry, width: width) }
    if let f = registry.function(named: name) { return f.signature + "\n\n" + f.summary }
    if let v = registry.scalar(named: name) { return name + " (built-in value)\n\n" + v.summary }
    return nil
  }

  /// `help CMD`: usage, summary, discussion, arguments, options, examples.
  ///
  /// With a `width` (the terminal's), the summary, the discussion and the descriptions of the
  /// arguments and options wrap at word boundaries to fit it, descriptions under their column.
  static func command(_ spec: CommandSpec, _ registry: CommandRegistry, width: Int? = nil)
    -> String
  {
    let hangingWidth = width
    func wrapped(_ text: String) -> String {
      width.map { TextWrap.paragraphs(text, width: $0) } ?? text
    }
    func hanging(_ text: String, start: Int) -> String {
      width.map { TextWrap.hanging(text, start: start, width: $0) } ?? text
    }
    var out = "usage: " + hanging(spec.usage, start: 7) + "\n\n" + wrapped(spec.summary) + "\n"
    if let d = spec.discussion { out += "\n" + wrapped(d) + "\n" }
    if let stage = spec.needs { out += "\n" + wrapped("Needs \(stage).") + "\n" }
    let rows = argumentRows(spec)
    if !rows.isEmpty {
      let width = rows.map(\.0.count).max() ?? 0
      var section = ""
      for (left, right, heading) in rows {
        if heading != section {
          out += "\n" + heading + ":\n"
          section = heading
        }
        if let columns = hangingWidth, columns - (width + 4) < TextWrap.minimumWidth,
          width + 4 + right.count > columns
        {
          // Too narrow for two columns: the description goes under the option, indented.
          out += "  " + left + "\n      " + hanging(right, start: 6) + "\n"
        } else {
          out +=
            "  " + left + String(repeating: " ", count: width - left.count + 2)
            + hanging(right, start: width + 4) + "\n"
        }
      }
    }
    if spec.name == "filter", !registry.filterForms.isEmpty {
      out += "\nSpecial forms:\n"
      let width = registry.filterForms.map(\.syntax.count).max() ?? 0
      for f in registry.filterForms {
        out += "  " + f.syntax + String(repeating: " ", count: width - f.syntax.count + 2) + f.summary + "\n"
      }
    }
    if spec.name == "set", !registry.settings.isEmpty {
      out += "\nSettings:\n"
      let width = registry.settings.map(\.name.count).max() ?? 0
      for s in registry.settings {
        out += "  " + s.name + String(repeating: " ", count: width - s.name.count + 2) + s.summary + "\n"
      }
    }
    out += "\nExample" + (spec.examples.count > 1 ? "s" : "") + ":\n"
    out += spec.examples.map { "  " + $0 + "\n" }.joined()
    return String(out.dropLast())
  }

  /// (left column, description, section heading) for each argument and option.
  static func argumentRows(_ spec: CommandSpec) -> [(String, String, String)] {
    var rows: [(String, String, String)] = []
    for p in spec.positionals {
      rows.append(
        (p.name.uppercased() + (p.isVariadic ? " ..." : ""),
         p.summary + " (" + p.type.placeholder + (p.isRequired ? "" : ", optional") + ")", "Arguments"))
    }
    if let e = spec.expression {
      rows.append((e.name.uppercased(), e.summary + " (expression)", "Arguments"))
    }
    for o in spec.options {
      var right = o.summary
      if let d = o.defaultValue {
        if case .choice = o.type { right += " (default \(d))" } else { right += " (default \(d.literalDescription))" }
      } else if o.isRequired {
        right += " (required)"
      }
      rows.append((o.name + "=" + o.type.placeholder, right, "Options"))
    }
    return rows
  }
}
