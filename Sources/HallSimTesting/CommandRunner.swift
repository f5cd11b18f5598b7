public import Foundation

/// Runs the built `hallsim` binary as a user would, capturing what it prints.
public enum CommandRunner {
    /// What a command did.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `hallsim` executable the tests run: the one `HALLSIM_BINARY` names (`make test` sets it
    /// to the tests' optimised build, so the tests that simulate whole scenarios take seconds, not
    /// minutes), else the one built next to the running test bundle.
    public static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["HALLSIM_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return here.appendingPathComponent("hallsim")
    }

    /// Runs `hallsim` with `arguments` in `directory` and waits for it.
    public static func hallsim(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        try wait(for: process(executable, arguments, in: directory))
    }

    /// A process for `program` with `arguments` in `directory`, not yet started.
    static func process(_ program: URL, _ arguments: [String], in directory: URL?) -> Process {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        return process
    }

    /// Runs `process` and reads its stdout and stderr at the same time (a child filling one pipe
    /// while the other is read to its end would block for ever).
    static func wait(for process: Process) throws -> Result {
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorBox = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errorBox.data, as: UTF8.self))
    }

    /// Runs `script` with `/bin/sh -c` in `directory`, with `$HALLSIM` set to the built binary, and waits for it.
    public static func shell(_ script: String, in directory: URL? = nil) throws -> Result {
        let shell = process(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["HALLSIM"] = executable.path
        shell.environment = environment
        return try wait(for: shell)
    }

    /// Starts `hallsim` with `arguments` in `directory` without waiting for it; its output is discarded.
    public static func start(_ arguments: [String], in directory: URL? = nil) throws -> Process {
        let started = process(executable, arguments, in: directory)
        started.standardOutput = FileHandle.nullDevice
        started.standardError = FileHandle.nullDevice
        try started.run()
        return started
    }

    /// A new empty temporary folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hallsim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The repository's root folder (where Package.swift is), found from this source file.
    public static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}

/// Bytes filled in by another thread before the reader waits for it.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
