import FuzzSupport
import Foundation

/// The log reader with replay: bytes → verify, survey, export, replay and fold the KPIs → the
/// summary; then the same bytes resealed. `fuzz-log --write-seeds DIR SCENARIO...` writes the
/// seed logs instead of fuzzing.
@main
enum LogTarget {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count >= 3, arguments[1] == "--write-seeds" {
            do {
                let files = try FuzzSeeds.writeLogs(into: arguments[2], scenarios: Array(arguments.dropFirst(3)))
                print("wrote \(files.count) seed logs into \(arguments[2])")
                exit(0)
            } catch {
                FileHandle.standardError.write(Data("fuzz-log: \(error)\n".utf8))
                exit(1)
            }
        }
        FuzzDriver.run { bytes in FuzzLog.check(bytes) }
    }
}
