/// Generates `docs/commands.md` from a registry, so the reference cannot go stale: a test
/// compares the file with ``markdown(for:)``.
public enum CommandReference {
  /// The Markdown reference of every command, function, value, setting and filter form.
  public static func markdown(for registry: CommandRegistry) -> String {
    var out = """
      # seg command reference

      <!-- Generated from the command registry by CommandReference.markdown(for:). Do not edit: \
      run `SEG_RECORD=1 swift test --filter DocsTests` to regenerate. -->

      Every statement is a command word followed by arguments; see [language.md](language.md) \
      for the syntax. Options are written `key=value`; `[...]` marks what may be left out.


      """
    for (category, specs) in HelpText.grouped(registry) {
      out += "## \(category.title)\n\n"
      for spec in specs {
        out += "### `\(spec.name)`\n\n"
        out += "```\n\(spec.usage)\n```\n\n"
        out += spec.summary + "\n\n"
        if let d = spec.discussion { out += d + "\n\n" }
        if let stage = spec.needs { out += "Needs \(stage).\n\n" }
        let rows = HelpText.argumentRows(spec)
        if !rows.isEmpty {
          out += "| Argument | Description |\n| --- | --- |\n"
          for (left, right, _) in rows {
            out += "| `\(escape(left))` | \(escape(right)) |\n"
          }
          out += "\n"
        }
        if spec.name == "filter", !registry.filterForms.isEmpty {
          out += "Special forms:\n\n"
          for f in registry.filterForms { out += "- `\(f.syntax)`: \(f.summary)\n" }
          out += "\n"
        }
        if spec.name == "set", !registry.settings.isEmpty {
          out += "Settings:\n\n"
          for s in registry.settings {
            out += "- `\(s.name)` (\(s.type.placeholder)): \(s.summary)\n"
          }
          out += "\n"
        }
        out += "Example" + (spec.examples.count > 1 ? "s" : "") + ":\n\n```\n"
        out += spec.examples.map { $0 + "\n" }.joined() + "```\n\n"
      }
    }
    if !registry.functions.isEmpty {
      out += "## Functions\n\n| Function | Description |\n| --- | --- |\n"
      for f in registry.functions {
        out += "| `\(escape(f.signature))` | \(escape(f.summary)) |\n"
      }
      out += "\n"
    }
    if !registry.scalars.isEmpty {
      out += "## Built-in values\n\n| Name | Description |\n| --- | --- |\n"
      for s in registry.scalars { out += "| `\(s.name)` | \(escape(s.summary)) |\n" }
      out += "\n"
    }
    if !registry.pseudoColumns.isEmpty {
      out += "## Computed columns\n\n| Name | Description |\n| --- | --- |\n"
      for s in registry.pseudoColumns { out += "| `\(s.name)` | \(escape(s.summary)) |\n" }
      out += "\n"
    }
    while out.hasSuffix("\n\n") { out.removeLast() }
    return out
  }

  static func escape(_ s: String) -> String { s.replacingAll("|", with: "\\|") }
}
