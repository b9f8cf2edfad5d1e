extension CLVResult {
  /// The result as the JSON object `export clv` writes:
  ///
  /// ```
  /// {"unit": "week", "end": "1997-09-30", "customers": 2357,
  ///  "bgnbd": {"r", "alpha", "a", "b", "loglik", "converged"},
  ///  "pareto_nbd": {"r", "alpha", "s", "beta", "loglik", "converged"},   (model=paretonbd only)
  ///  "gamma_gamma": {"p", "q", "gamma", "loglik"},                       (null with spend=none)
  ///  "holdout": {"end", "length", "rows": [{"purchases", "customers", "actual", "predicted"}],
  ///              "actual_total", "predicted_total", "mae"}}               (null without holdout)
  /// ```
  ///
  /// Numbers are written in shortest round-trip form; a missing number is `null`.
  public func jsonText() -> String {
    func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
    func fit(_ f: CLVFit, converged: Bool) -> String {
      var fields = zip(f.names, f.values).map { "\"\($0)\": \(number($1))" }
      fields.append("\"loglik\": \(number(f.logLikelihood))")
      if converged { fields.append("\"converged\": \(f.converged)") }
      return "{" + fields.joined(separator: ", ") + "}"
    }
    func day(_ d: Int64) -> String {
      "\"" + CivilCalendar.isoText(seconds: d * CivilCalendar.secondsPerDay, includeTime: false) + "\""
    }
    var lines = [
      "  \"unit\": \"\(summary.unit.rawValue)\"",
      "  \"end\": \(day(summary.endDay))",
      "  \"customers\": \(summary.count)",
      "  \"bgnbd\": \(fit(bgnbd, converged: true))",
    ]
    if let p = paretoNBD { lines.append("  \"pareto_nbd\": \(fit(p, converged: true))") }
    lines.append("  \"gamma_gamma\": " + (gammaGamma.map { fit($0, converged: false) } ?? "null"))
    if let h = holdout, let end = summary.holdoutDay {
      let rows = h.rows.map {
        "      {\"purchases\": \"\($0.label)\", \"customers\": \($0.customers), \"actual\": \(number($0.actualMean)), \"predicted\": \(number($0.predictedMean))}"
      }
      lines.append(
        "  \"holdout\": {\"end\": \(day(end)), \"length\": \(number(h.length)), \"rows\": [\n"
          + rows.joined(separator: ",\n")
          + "\n    ], \"actual_total\": \(number(h.actualTotal)), \"predicted_total\": \(number(h.predictedTotal)), \"mae\": \(number(h.meanAbsoluteError))}"
      )
    } else {
      lines.append("  \"holdout\": null")
    }
    return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
  }
}
