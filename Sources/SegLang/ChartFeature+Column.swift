import SegCharts

extension ChartFeature {
  /// How charts label a column of the customer table: the RFM columns get their display names,
  /// units and formats (`Recency (days)`, `Monetary (£)`); any other column keeps its name.
  static func column(_ name: String) -> ChartFeature {
    switch name {
    case "recency": .recency
    case "frequency": .frequency
    case "monetary": .monetary
    case "tenure": ChartFeature(name: "Tenure", unit: "days", format: .integer)
    case "days_between_purchases":
      ChartFeature(name: "Days between purchases", unit: "days", format: .number(decimals: 1))
    case "avg_order_value": ChartFeature(name: "Average order value", unit: "£", format: .pounds)
    case "gross_spend": ChartFeature(name: "Gross spend", unit: "£", format: .pounds)
    case "returned_value": ChartFeature(name: "Returned value", unit: "£", format: .pounds)
    case "return_rate": ChartFeature(name: "Return rate", format: .percent)
    case "distinct_products": ChartFeature(name: "Distinct products", format: .integer)
    case "items": ChartFeature(name: "Items", format: .integer)
    default: ChartFeature(name: name)
    }
  }
}
