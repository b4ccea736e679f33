// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "landmark",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LandmarkNet", targets: ["LandmarkNet"]),
        .library(name: "FacePipeline", targets: ["FacePipeline"]),
        .library(name: "FaceVideo", targets: ["FaceVideo"]),
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
        // File names carried as `String` with their raw bytes kept (a Latin-1 `caf\xe9.png`), for every module
        // that opens a user's file: the lowest shared module, so that the dependency graph stays one-way.
        .target(name: "FilePaths"),
        .target(name: "Images", dependencies: ["CImageCodecs", "FilePaths"]),
        .target(name: "GraphDefReader", dependencies: ["FilePaths"]),
        .target(name: "Tensor", dependencies: ["FilePaths"]),
        .target(name: "CKernelsAVX2"),
        .target(name: "Kernels", dependencies: ["COpenBLAS", "CXSMM", "CKernelsAVX2"]),
        // The engine: GraphDef import, planning, kernels' scheduling, `Model`. No images, no faces.
        .target(name: "LandmarkNet", dependencies: ["GraphDefReader", "Tensor", "Kernels"]),
        // The face application on the engine's public API: MTCNN, the 68-point stage, the face mesh (its image
        // sampling on the kernels' public `BilinearSampling`).
        .target(
            name: "FacePipeline",
            dependencies: ["LandmarkNet", "Kernels", "Tensor", "Images"],
            resources: [.copy("Resources")]
        ),
        // Video through ffmpeg, tracking and smoothing, on the face pipeline.
        .target(name: "FaceVideo", dependencies: ["FacePipeline", "LandmarkNet", "Images", "FilePaths"]),
        .executableTarget(
            name: "landmark",
            dependencies: [
                "LandmarkNet",
                "FacePipeline",
                "FaceVideo",
                "Kernels",
                "Images",
                "FilePaths",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fixture paths, the executable under test and a process runner, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GraphDefReaderTests", dependencies: ["GraphDefReader"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels"]),
        .testTarget(name: "ImagesTests", dependencies: ["Images"], exclude: ["make_fixtures.py"]),
        .testTarget(name: "LandmarkNetTests", dependencies: ["TestSupport", "LandmarkNet", "GraphDefReader", "Tensor", "Kernels"]),
        .testTarget(name: "FacePipelineTests", dependencies: ["TestSupport", "FacePipeline", "LandmarkNet", "Tensor", "Images"]),
        .testTarget(name: "FaceVideoTests", dependencies: ["TestSupport", "FaceVideo", "FacePipeline", "LandmarkNet", "Images"]),
        .testTarget(
            name: "HostileInputTests",
            dependencies: ["TestSupport", "LandmarkNet", "FacePipeline", "GraphDefReader", "Tensor", "Images"]
        ),
    ]
)
