import FuzzSupport
import Foundation

/// The log reader with replay: bytes → verify, survey, replay (fold the KPIs and case states),
/// repair a torn tail; then the same bytes resealed. Instead of fuzzing,
/// `fuzz-log --write-seeds DIR SCENARIO...` writes the seed logs, and `fuzz-log --reseal IN OUT`
/// writes the resealed form of an input (what the second pass reads) for `hallsim replay`.
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
        if arguments.count == 4, arguments[1] == "--reseal" {
            do {
                let log = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[2])))
                try Data(FuzzLog.reseal(log)).write(to: URL(fileURLWithPath: arguments[3]))
                exit(0)
            } catch {
                FileHandle.standardError.write(Data("fuzz-log: \(error)\n".utf8))
                exit(1)
            }
        }
        FuzzDriver.run { bytes in FuzzLog.check(bytes) }
    }
}
