#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `log(1 + x)`, accurate for small `x` (the C library's `log1p`, as NumPy uses).
func logOnePlus(_ x: Double) -> Double { log1p(x) }

/// `exp(x) − 1`, accurate for small `x` (the C library's `expm1`).
func expMinusOne(_ x: Double) -> Double { expm1(x) }
