// swift-tools-version: 6.1
// hallsim's fuzz targets: a package of their own, depending on the root package by path (as
// benchmarks/ does), so that `swift build` and `swift test` at the root never see them.
// Each target is a libFuzzer binary: build them with `make fuzz-build` or, by hand,
//   swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
// from this folder (README.md says why each flag is needed).
import PackageDescription

let hallsim: [Target.Dependency] = [
    .product(name: "SimCore", package: "hallsim"),
    .product(name: "CaseEngine", package: "hallsim"),
    .product(name: "HallModel", package: "hallsim"),
    .product(name: "Scenarios", package: "hallsim"),
]

let package = Package(
    name: "hallsim-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "hallsim", path: ".."),
    ],
    targets: [
        // What the targets share: reading an input as a scenario, the caps, the log file and its resealing.
        .target(name: "FuzzSupport", dependencies: hallsim + ["CFuzzerDriver"]),
        // The declaration of libFuzzer's driver entry point.
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "fuzz-scenario", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-network", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-simulate", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-log", dependencies: ["FuzzSupport"]),
    ]
)
