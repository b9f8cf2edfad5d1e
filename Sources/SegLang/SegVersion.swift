/// The version of seg, printed by `seg --version` and stored with every run.
package enum SegVersion {
  package static let string = "0.1.0"
}
