import SegCharts
import Testing

@Suite struct PaletteTests {
  @Test func segmentColoursAreDistinctAndNeverTheOutlierGrey() {
    #expect(Set(Palette.segments).count == Palette.segments.count)
    #expect(!Palette.segments.contains(Palette.outlier))
    #expect(Palette.color(forSegment: -1) == Palette.outlier)
    #expect(Palette.color(forSegment: Palette.segments.count) == Palette.segments[0])
  }
}
