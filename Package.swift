// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "hallsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hallsim", targets: ["hallsim"]),
        .library(name: "SimCore", targets: ["SimCore"]),
        .library(name: "CaseEngine", targets: ["CaseEngine"]),
        .library(name: "HallModel", targets: ["HallModel"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "SimCore",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strict
        ),
        .target(
            name: "CaseEngine",
            dependencies: ["SimCore", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: strict
        ),
        .target(
            name: "HallModel",
            dependencies: ["SimCore", "CaseEngine", .product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: strict
        ),
        .target(name: "Scenarios", dependencies: ["SimCore", "HallModel", "Yams"], swiftSettings: strict),
        .target(name: "Reports", dependencies: ["CaseEngine"], swiftSettings: strict),
        .target(name: "HallSimTesting", swiftSettings: strict),
        .systemLibrary(
            name: "CJemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        .executableTarget(
            name: "hallsim",
            dependencies: [
                "SimCore", "CaseEngine", "HallModel", "Scenarios", "Reports", "CJemalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        
        
        
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "HallModel", "SimCore"], swiftSettings: strict),
        
    ]
)
package.targets += [
    .testTarget(name: "SimCoreTests", dependencies: ["SimCore", "HallSimTesting"], swiftSettings: strict),
    .testTarget(name: "CaseEngineTests", dependencies: ["CaseEngine", "SimCore"], swiftSettings: strict),
    .testTarget(name: "HallModelTests", dependencies: ["HallModel", "CaseEngine", "SimCore", "Reports", "HallSimTesting"], swiftSettings: strict),
    .testTarget(name: "HallSimCLITests", dependencies: ["hallsim", "HallSimTesting"], swiftSettings: strict),
]
