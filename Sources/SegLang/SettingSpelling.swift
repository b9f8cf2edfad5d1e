import SegCore

extension Setting {
  /// The option of `load`, `rfm`, `clv` or `join` that sets it.
  var option: String {
    switch self {
    case .dateFormat: "dateformat"
    case .decimal: "decimal"
    case .delimiter: "delimiter"
    case .header: "header"
    case .columns: "columns"
    case .sheet: "sheet"
    case .cancelled: "cancelled"
    case .cancelPrefix: "cancel_prefix"
    case .asOf: "asof"
    case .segmentMap: "map"
    case .encoding: "encoding"
    case .spendModel: "spend"
    case .unit: "unit"
    case .end: "end"
    case .joinKey: "on"
    case .role(let role): role.rawValue
    }
  }

  /// A setting as a script writes it: `dateformat="%d/%m/%Y"`, or `dateformat=` without a value.
  /// A column that is no bare name is quoted (`amount="Montant TTC"`).
  static func spelled(_ setting: Setting, _ value: String?) -> String {
    guard case .role = setting, let value, !Lexer.isBareName(value) else {
      return setting.option + "=" + (value ?? "")
    }
    return setting.option + "=" + Printer.quote(value)
  }
}

extension Remark {
  /// The remark with its settings written as script options (``Setting/spelled(_:_:)``).
  var seg: String { rendered(Setting.spelled) }
}

extension LoadReport {
  /// ``LoadReport/summaryText`` with its settings written as script options.
  var segSummary: String { summaryText(settings: Setting.spelled) }
}
