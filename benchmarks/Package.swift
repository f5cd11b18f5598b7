// swift-tools-version: 6.1
// hallsim's benchmarks: a package of their own, depending on the root package by path,
// so that `swift test` at the root never builds the benchmark toolchain.
// Run them with `swift package benchmark` from this folder (see README.md).
import PackageDescription

let hallsim: [Target.Dependency] = [
    .product(name: "SimCore", package: "hallsim"),
    .product(name: "CaseEngine", package: "hallsim"),
    .product(name: "HallModel", package: "hallsim"),
    .product(name: "Scenarios", package: "hallsim"),
]

let package = Package(
    name: "hallsim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "hallsim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The workloads, the calibration loop and the clocks, free of the benchmark harness.
        .target(name: "Workloads", dependencies: hallsim),
        // The measured iteration every benchmark shares: calibration around the work, the custom metrics.
        .target(name: "BenchSupport", dependencies: hallsim + ["Workloads", .product(name: "Benchmark", package: "benchmark")]),
        // libjemalloc, linked into the tool that compares it against glibc malloc.
        .systemLibrary(name: "JemallocLink", providers: [.apt(["libjemalloc-dev"])]),
        // The end-to-end model as a plain program (no benchmark harness), once on glibc malloc and
        // once on jemalloc, for the allocator comparison of parallel processes (scripts/allocators).
        .executableTarget(name: "mmc-glibc", dependencies: ["Workloads"]),
        .executableTarget(name: "mmc-jemalloc", dependencies: ["Workloads", "JemallocLink"]),
    ]
)

/// A benchmark suite: an executable under Benchmarks/, run by the benchmark plugin.
func suite(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

package.targets += [
    suite("Kernel"),
    suite("Engine"),
    suite("EndToEnd"),
]
