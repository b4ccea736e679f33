// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "landmark",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LandmarkNet", targets: ["LandmarkNet"]),
        .library(name: "LandmarkKernels", targets: ["Kernels"]),
        .library(name: "LandmarkGraphDefReader", targets: ["GraphDefReader"]),
        .library(name: "LandmarkImages", targets: ["Images"]),
        .executable(name: "landmark", targets: ["landmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            path: "Sources/COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(name: "CXSMM", path: "Sources/CXSMM", providers: [.apt(["libxsmm-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .target(name: "CImageCodecs", dependencies: ["CJPEG", "CPNG"]),
        .target(name: "Images", dependencies: ["CImageCodecs"]),
        .target(name: "GraphDefReader"),
        .target(name: "Tensor"),
        .target(name: "CKernelsAVX2"),
        .target(name: "Kernels", dependencies: ["COpenBLAS", "CXSMM", "CKernelsAVX2"]),
        .target(
            name: "LandmarkNet",
            dependencies: ["GraphDefReader", "Tensor", "Kernels", "Images"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "landmark",
            dependencies: [
                "LandmarkNet",
                "Kernels",
                "Images",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GraphDefReaderTests", dependencies: ["GraphDefReader"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels"]),
        .testTarget(name: "ImagesTests", dependencies: ["Images"], exclude: ["make_fixtures.py"]),
        .testTarget(name: "LandmarkNetTests", dependencies: ["LandmarkNet", "GraphDefReader", "Tensor", "Images", "Kernels"]),
        .testTarget(name: "HostileInputTests", dependencies: ["LandmarkNet", "GraphDefReader", "Tensor", "Images"]),
        .testTarget(name: "VideoTests", dependencies: ["LandmarkNet", "Images"]),
    ]
)
