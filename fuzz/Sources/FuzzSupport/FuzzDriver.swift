import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif

/// Hands a fuzz target's body to libFuzzer's driver.
///
/// SwiftPM links an executable target with `main` renamed to `<module>_main` (so tests can link
/// executables), which hides libFuzzer's own `main`; each target therefore has a Swift `@main`
/// that calls ``run(_:)``, and the driver takes over from there with the same command line.
public enum FuzzDriver {
    nonisolated(unsafe) static var body: (UnsafeRawBufferPointer) -> Void = { _ in }

    /// Runs libFuzzer on `body` with this process's arguments, then exits with its status.
    public static func run(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        Self.body = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzDriver.body(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }
        exit(status)
    }
}
