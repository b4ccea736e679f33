// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer targets for landmark's untrusted-input paths. Build and run them with `make fuzz` from the
// repository root (see README, "Hostile input"); each target is an executable whose `main` is libFuzzer's, so it
// must be built with `-Xswiftc -sanitize=fuzzer` (plus `address`) and `-Xswiftc -parse-as-library`.

/// SwiftPM names a path dependency after its directory: the repository checkout's (`landmark`, `main`, ...).
let landmark = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

/// A product of the main package.
func main(_ product: String) -> Target.Dependency { .product(name: product, package: landmark) }

let package = Package(
    name: "LandmarkFuzz",
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: [main("LandmarkNet")]),
        .executableTarget(name: "FuzzGraphDef", dependencies: ["CFuzzerDriver", main("LandmarkGraphDefReader")]),
        .executableTarget(name: "FuzzModelLoad", dependencies: ["CFuzzerDriver", "FuzzSupport", main("LandmarkNet")]),
        .executableTarget(name: "FuzzModelRun", dependencies: ["CFuzzerDriver", "FuzzSupport", main("LandmarkNet")]),
        .executableTarget(name: "FuzzGraphProgram",
                          dependencies: ["CFuzzerDriver", "FuzzSupport", main("LandmarkNet"), main("LandmarkGraphDefReader")]),
        .executableTarget(name: "FuzzNPY", dependencies: ["CFuzzerDriver", main("LandmarkNet")]),
        .executableTarget(name: "FuzzImage", dependencies: ["CFuzzerDriver", main("LandmarkImages")]),
    ]
)
