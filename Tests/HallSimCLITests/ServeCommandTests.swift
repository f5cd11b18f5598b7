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

/// `hallsim load` hands its arguments to the separately built load tester, or says how to build it.
@Suite("hallsim load")
struct LoadCommandTests {
    @Test func withoutTheLoadTesterItExitsTwoWithTheHint() throws {
        let r = try CommandRunner.shell("HALLSIM_LOAD=/nonexistent/hallsim-load \"$HALLSIM\" load s.yaml --target http://127.0.0.1:1")
        #expect(r.status == 2)
        #expect(r.stderr.contains("make serve"))
        #expect(r.stderr.contains("hallsim-load"))
    }

    @Test func itRunsTheLoadTesterWithEveryArgument() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stand = folder.appendingPathComponent("hallsim-load").path
        try "#!/bin/sh\necho \"load got: $*\"\n".write(toFile: stand, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stand)
        let r = try CommandRunner.shell("HALLSIM_LOAD='\(stand)' \"$HALLSIM\" load 'my file.yaml' --target http://127.0.0.1:9 --speed 3600 --threshold 'p99<20ms'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "load got: my file.yaml --target http://127.0.0.1:9 --speed 3600 --threshold p99<20ms\n")
    }
}
