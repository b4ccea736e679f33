import Foundation

/// Where the repository's test inputs and the `landmark` executable under test are.
public enum TestPaths {
    /// The repository's root directory.
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`: the TensorFlow fixtures, photos and hostile files.
    public static let fixtures = repository.appendingPathComponent("Tests/Fixtures")

    /// A path below `Tests/Fixtures`.
    public static func fixture(_ relativePath: String) -> URL {
        fixtures.appendingPathComponent(relativePath)
    }

    /// The `landmark` executable of the same build as the running tests (next to the test bundle), else the
    /// repository's default debug build; nil when neither is built.
    public static func landmarkExecutable() -> URL? {
        let bundle = Bundle.main.bundleURL
        let candidates = [
            bundle.appendingPathComponent("landmark"),
            bundle.deletingLastPathComponent().appendingPathComponent("landmark"),
            repository.appendingPathComponent(".build/debug/landmark"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
