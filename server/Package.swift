// swift-tools-version: 6.1
// `hallsim-serve`: the case engine as a durable HTTP service. A package of its own, depending on
// the root package by path, so that `make run` and `make test` at the root never resolve or build
// the HTTP stack (docs/api.md).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The simulator's modules the service and its tests use.
let engine: [Target.Dependency] = ["CaseEngine", "SimCore", "HallModel", "Scenarios", "Reports"].map {
    .product(name: $0, package: "hallsim")
}

let package = Package(
    name: "hallsim-server",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hallsim-serve", targets: ["hallsim-serve"]),
        .library(name: "HallSimServer", targets: ["HallSimServer"]),
        .executable(name: "hallsim-load", targets: ["hallsim-load"]),
        .library(name: "LoadTester", targets: ["LoadTester"]),
    ],
    dependencies: [
        .package(name: "hallsim", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // The service: the command codec, the single writer (book, log, group commit, keys),
        // recovery, the routes and the metrics.
        .target(
            name: "HallSimServer",
            dependencies: engine + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hallsim-serve",
            dependencies: engine + ["HallSimServer", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        // The load tester (docs/load.md): a scenario's simulated commands sent to a target at their
        // intended wall-clock times over plain sockets, latency measured from those times.
        .target(
            name: "LoadTester",
            dependencies: engine + ["HallSimServer", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hallsim-load",
            dependencies: engine + ["LoadTester", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        // The tests start `hallsim-serve` processes of their own on loopback (HALLSIM_SERVE) and run
        // `hallsim` (HALLSIM_BINARY) for the simulated streams they feed it.
        .testTarget(
            name: "HallSimServerTests",
            dependencies: engine + ["HallSimServer", "LoadTester"],
            swiftSettings: strict
        ),
    ]
)
