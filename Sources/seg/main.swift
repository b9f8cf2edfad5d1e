import SegShell

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

exit(SegCommandLine.main(arguments: Array(CommandLine.arguments.dropFirst())).rawValue)
