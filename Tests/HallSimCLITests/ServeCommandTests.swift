import Foundation
import HallSimTesting
import Testing

/// `hallsim serve` and `hallsim load` hand their arguments to the separately built server package's
/// executables, or say how to build them.
@Suite("hallsim serve and hallsim load")
struct ServeCommandTests {
    /// The subcommand, the variable naming its executable, and the executable's name.
    static let tools = [("serve", "HALLSIM_SERVE", "hallsim-serve"), ("load", "HALLSIM_LOAD", "hallsim-load")]

    @Test(arguments: tools)
    func withoutTheExecutableItExitsTwoWithTheHint(_ command: String, _ variable: String, _ name: String) throws {
        let r = try CommandRunner.shell("\(variable)=/nonexistent/\(name) \"$HALLSIM\" \(command) --data x")
        #expect(r.status == 2)
        #expect(r.stderr.contains("make serve"))
        #expect(r.stderr.contains(name))
    }

    @Test(arguments: tools)
    func itRunsTheExecutableWithEveryArgument(_ command: String, _ variable: String, _ name: String) throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stand = folder.appendingPathComponent(name).path
        try "#!/bin/sh\necho \"got: $*\"\n".write(toFile: stand, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stand)
        let r = try CommandRunner.shell("\(variable)='\(stand)' \"$HALLSIM\" \(command) --data 'my dir' --port 0 --threshold 'p99<20ms'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "got: --data my dir --port 0 --threshold p99<20ms\n")
    }
}
