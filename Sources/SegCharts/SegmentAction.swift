/// Suggested marketing actions for segments, chosen from the segment's name.
///
/// Names follow the usual RFM vocabulary (Champions, Loyal, At Risk, Can't Lose Them,
/// Hibernating, Lost, New, Promising, ...). Matching is case-insensitive on keywords, first
/// match wins; an unrecognised name gets a neutral "review" action.
///
/// ```swift
/// SegmentAction.suggested(for: "Can't Lose Them")  // "Win back: personal outreach, …"
/// ```
public enum SegmentAction {
  /// The keyword → action table, in matching order.
  public static let defaults: [(keyword: String, action: String)] = [
    ("champion", "Reward and retain: early access, loyalty perks; ask for reviews and referrals."),
    (
      "can't lose",
      "Win back: personal outreach, renewals and new products before a competitor does."
    ),
    (
      "cannot lose",
      "Win back: personal outreach, renewals and new products before a competitor does."
    ),
    ("at risk", "Win back: personalised offers and reminders of what they bought."),
    ("loyal", "Retain: upsell higher-value products and keep them in the loyalty programme."),
    ("big spender", "Retain: premium service and exclusive offers."),
    ("high value", "Retain: premium service and exclusive offers."),
    ("potential", "Nurture: membership offers and personalised recommendations."),
    ("promising", "Nurture: build awareness with introductory offers."),
    ("new", "Onboard and nurture: a welcome series aimed at the second purchase."),
    ("recent", "Onboard and nurture: a welcome series aimed at the second purchase."),
    ("attention", "Re-engage: limited-time offers based on past purchases."),
    ("sleep", "Reactivate: popular products and a time-limited discount."),
    ("hibernat", "Win back cheaply: relevant offers through low-cost channels only."),
    ("lost", "Revive or let go: one reactivation campaign, then stop spending on them."),
    ("churn", "Revive or let go: one reactivation campaign, then stop spending on them."),
    ("lapsed", "Revive or let go: one reactivation campaign, then stop spending on them."),
    ("inactive", "Revive or let go: one reactivation campaign, then stop spending on them."),
  ]

  /// The action for names that match no keyword.
  public static let fallback = "Review: profile this segment and decide an action."

  /// The suggested action for a segment called `name`.
  public static func suggested(for name: String) -> String {
    let key = String(name.lowercased().map { $0 == "’" ? "'" : $0 })
    for (keyword, action) in defaults where key.contains(keyword) { return action }
    return fallback
  }
}
