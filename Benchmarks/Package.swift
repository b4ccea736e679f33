// swift-tools-version: 6.1
// A package of its own so that the main package never depends on package-benchmark: its first build (the
// benchmark plugin, its tool and their dependencies) is not part of `make test`. See README.md.
import PackageDescription

let package = Package(
    name: "LandmarkBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The parent directory is the landmark package; `name:` pins its identity to "landmark" whatever the
        // checkout directory is called.
        .package(name: "landmark", path: ".."),
        // Explicit traits replace the package's defaults: this keeps the malloc interposer (malloc metrics) and
        // leaves out the Swift 6.3 runtime interposer, whose package is not available here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // `swift package benchmark` runs every executable target under Benchmarks/ that uses BenchmarkPlugin.
        .executableTarget(
            name: "LandmarkBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LandmarkNet", package: "landmark"),
                .product(name: "LandmarkKernels", package: "landmark"),
            ],
            path: "Benchmarks/LandmarkBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The landmark side of scripts/compare_peers.py: keeps one model loaded and times `Model.run` on request.
        .executableTarget(
            name: "landmark-timer",
            dependencies: [.product(name: "LandmarkNet", package: "landmark")],
            path: "Sources/LandmarkTimer"
        ),
    ]
)
