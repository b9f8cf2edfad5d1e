/// The version of seg, printed by `seg --version` and stored with every run.
public enum SegVersion {
  public static let string = "0.1.0"
}
