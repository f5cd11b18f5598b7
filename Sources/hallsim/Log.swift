import ArgumentParser
import CaseEngine
import Foundation

extension HallSim {
    /// `hallsim log …`: look after stored event logs.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify, export or repair a stored event log.",
            subcommands: [Verify.self, Export.self, Repair.self]
        )

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Check every block's checksum and report what the log holds.")

            @Argument(help: "The event log.") var file: String

            func run() throws {
                let v: EventLog.Verification
                do { v = try EventLog.verify(path: file) } catch { throw CommandFailure.badInput(error.description) }
                if let tail = v.tail {
                    throw CommandFailure.badInput("\(tail)\nhint: `hallsim log repair` cuts the log back to its complete blocks")
                }
                print("\(file): ok · \(v.events) events · \(v.segments) segment(s) · digest \(v.digest) · scenario \(v.catalog.scenario), seed \(v.catalog.seed)")
            }
        }

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write the log as JSON Lines on stdout: the catalog first, then one object per event."
            )

            @Argument(help: "The event log.") var file: String

            func run() throws {
                let v: EventLog.Verification
                do {
                    v = try EventLog.exportJSONLines(from: file, to: FileHandle.standardOutput)
                } catch let error as EventLogError {
                    throw CommandFailure.badInput(error.description)
                }
                if let tail = v.tail {
                    FileHandle.standardError.write(Data("hallsim: warning: \(tail)\n".utf8))
                }
            }
        }

        struct Repair: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Cut a torn tail off a log, keeping its complete blocks (the log stays marked unfinished)."
            )

            @Argument(help: "The event log.") var file: String

            func run() throws {
                let report: TailReport?
                do { report = try EventLog.truncateTornTail(path: file) } catch { throw CommandFailure.badInput(error.description) }
                if let report {
                    print("\(file): cut \(report.lostBytes) bytes at offset \(report.validLength); \(report.events) events kept")
                } else {
                    print("\(file): no torn tail; nothing to repair")
                }
            }
        }
    }
}
