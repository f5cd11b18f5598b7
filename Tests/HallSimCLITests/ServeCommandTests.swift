import Foundation
import HallSimTesting
import Testing

/// `hallsim serve` hands its arguments to the separately built server, or says how to build it.
@Suite("hallsim serve")
struct ServeCommandTests {
    @Test func withoutTheServerItExitsTwoWithTheHint() throws {
        let r = try CommandRunner.shell("HALLSIM_SERVE=/nonexistent/hallsim-serve \"$HALLSIM\" serve --data x")
        #expect(r.status == 2)
        #expect(r.stderr.contains("make serve"))
    }

    @Test func itRunsTheServerWithEveryArgument() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stand = folder.appendingPathComponent("hallsim-serve").path
        try "#!/bin/sh\necho \"server got: $*\"\n".write(toFile: stand, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stand)
        let r = try CommandRunner.shell("HALLSIM_SERVE='\(stand)' \"$HALLSIM\" serve --data 'my dir' --port 0 --scenario s.yaml")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "server got: --data my dir --port 0 --scenario s.yaml\n")
    }
}
