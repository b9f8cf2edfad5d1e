import Testing
@testable import SegHistory
