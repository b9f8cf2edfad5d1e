extension CommandRegistry {
  /// The registry `seg` uses: every command group, function, value and setting.
  ///
  /// To add a feature: write `Commands+Feature.swift` with `static let feature: [CommandSpec]`
  /// and add one `register` line here.
  public static let standard: CommandRegistry = {
    var r = CommandRegistry()
    r.register(Commands.language)
    r.register(Commands.inspection)
    r.register(Commands.filter)
    r.register(Commands.data)
    r.register(Commands.joining)
    r.register(Commands.features)
    r.register(Commands.kChoice)
    r.register(Commands.clustering)
    r.register(Commands.clv)
    r.register(Commands.embedding)
    r.register(Commands.export)
    r.register(Commands.plot)
    r.register(Commands.report)
    r.register(filterForms: Commands.outlierFilterForms)
    r.register(Commands.history)
    r.register(functions: BuiltinFunctions.all)
    r.register(scalars: BuiltinScalars.all)
    r.register(settings: BuiltinSettings.all)
    r.register(scalars: SegmentationValues.scalars)
    r.register(functions: SegmentationValues.functions)
    r.register(pseudoColumns: SegmentationValues.pseudoColumns)
    r.register(functions: Commands.historyFunctions)
    r.register(scalars: Commands.historyScalars)
    return r
  }()
}
