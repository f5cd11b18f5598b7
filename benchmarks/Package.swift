// swift-tools-version: 6.1
// hallsim's benchmarks: a package of their own, depending on the root package by path,
// so that `swift test` at the root never builds the benchmark toolchain.
// Run them with `swift package benchmark` from this folder (see README.md).
import PackageDescription

// The kernel suite links SimCore alone, so that a change anywhere else in hallsim leaves its
// binary (and the place of its hot loops in it) as it was: see README.md, "Code layout".
let simCore: Target.Dependency = .product(name: "SimCore", package: "hallsim")
let hallsim: [Target.Dependency] = [
    simCore,
    .product(name: "CaseEngine", package: "hallsim"),
    .product(name: "HallModel", package: "hallsim"),
    .product(name: "Scenarios", package: "hallsim"),
]
let harness: Target.Dependency = .product(name: "Benchmark", package: "benchmark")

let package = Package(
    name: "hallsim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "hallsim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The calibration loop, the clocks, the workload protocol and the kernel's workloads:
        // SimCore only, free of the benchmark harness.
        .target(name: "Workloads", dependencies: [simCore]),
        // The case engine's and the end-to-end workloads (the M/M/c model, the reference network).
        .target(name: "HallWorkloads", dependencies: hallsim + ["Workloads"]),
        // The measured iteration every benchmark shares: calibration around the work, the custom metrics.
        .target(name: "BenchSupport", dependencies: ["Workloads", harness]),
        // libjemalloc, linked into the tool that compares it against glibc malloc.
        .systemLibrary(name: "JemallocLink", providers: [.apt(["libjemalloc-dev"])]),
        // The end-to-end model as a plain program (no benchmark harness), once on glibc malloc and
        // once on jemalloc, for the allocator comparison of parallel processes (scripts/allocators).
        .executableTarget(name: "mmc-glibc", dependencies: ["HallWorkloads"]),
        .executableTarget(name: "mmc-jemalloc", dependencies: ["HallWorkloads", "Workloads", "JemallocLink"]),
        // The gated workloads run once each, for the gate's instruction counts under valgrind.
        .executableTarget(name: "instructions", dependencies: ["HallWorkloads", "Workloads"]),
    ]
)

/// A benchmark suite: an executable under Benchmarks/, run by the benchmark plugin.
func suite(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["BenchSupport", "Workloads", harness] + dependencies,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

package.targets += [
    suite("Kernel", []),
    suite("Engine", ["HallWorkloads"]),
    suite("EndToEnd", ["HallWorkloads", .product(name: "HallModel", package: "hallsim")]),
]
