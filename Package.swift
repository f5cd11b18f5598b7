// swift-tools-version: 6.1
import PackageDescription

/// Every target: existentials spelled `any`, imports internal unless marked, and a file sees
/// only the members of the modules it imports itself.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The test targets: as strict, and never optimised. `make test` builds the package optimised
/// (Makefile, the tests' build), and optimising the tests' own code, full of expectation macros,
/// would take longer than it saves when they run.
let tests: [SwiftSetting] = strict + [.unsafeFlags(["-Onone"], .when(configuration: .release))]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let deque = Target.Dependency.product(name: "DequeModule", package: "swift-collections")
let histogram = Target.Dependency.product(name: "Histogram", package: "hdrhistogram-swift")
let real = Target.Dependency.product(name: "RealModule", package: "swift-numerics")

let package = Package(
    name: "hallsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hallsim", targets: ["hallsim"]),
        .library(name: "SimCore", targets: ["SimCore"]),
        .library(name: "CaseEngine", targets: ["CaseEngine"]),
        .library(name: "HallModel", targets: ["HallModel"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Staffing", targets: ["Staffing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // The modules, in the order of the one-way flow (README, "Modules"): each lists exactly
        // the modules its files import.
        .target(name: "SimCore", dependencies: [real], swiftSettings: strict),
        .target(name: "CaseEngine", dependencies: ["SimCore"], swiftSettings: strict),
        .target(name: "HallModel", dependencies: ["SimCore", "CaseEngine", deque], swiftSettings: strict),
        .target(name: "Scenarios", dependencies: ["SimCore", "CaseEngine", "HallModel", "Yams"], swiftSettings: strict),
        .target(name: "Experiments", dependencies: ["SimCore", "CaseEngine", "HallModel", "Staffing"], swiftSettings: strict),
        .target(name: "Reports", dependencies: ["SimCore", "CaseEngine", "Experiments", "Staffing"], swiftSettings: strict),
        .target(name: "HallSimTesting", swiftSettings: strict),
        // Staffing mathematics (Erlang C and A, offered load, rosters): depends on nothing in the package.
        .target(name: "Staffing", dependencies: [real], swiftSettings: strict),
        .systemLibrary(name: "CJemalloc", providers: [.apt(["libjemalloc-dev"])]),
        .executableTarget(
            name: "hallsim",
            dependencies: ["SimCore", "CaseEngine", "HallModel", "Scenarios", "Experiments", "Reports", "CJemalloc", argumentParser],
            swiftSettings: strict
        ),

        // The tests, one target per module; the CLI tests run the built `hallsim` binary.
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore"], swiftSettings: tests),
        .testTarget(name: "CaseEngineTests", dependencies: ["SimCore", "CaseEngine", histogram], swiftSettings: tests),
        .testTarget(
            name: "HallModelTests",
            dependencies: ["SimCore", "CaseEngine", "HallModel", "Reports", "HallSimTesting"],
            swiftSettings: tests
        ),
        .testTarget(name: "ScenariosTests", dependencies: ["SimCore", "CaseEngine", "HallModel", "Scenarios"], swiftSettings: tests),
        .testTarget(name: "ExperimentsTests", dependencies: ["SimCore", "Experiments"], swiftSettings: tests),
        .testTarget(name: "ReportsTests", dependencies: ["Experiments", "Reports"], swiftSettings: tests),
        .testTarget(name: "StaffingTests", dependencies: ["Staffing", "SimCore"], swiftSettings: tests),
        .testTarget(name: "HallSimCLITests", dependencies: ["hallsim", "HallSimTesting", "Staffing"], swiftSettings: tests),
    ]
)
