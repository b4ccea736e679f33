import Foundation
import Images
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A user's files are sacred: `landmark` never writes over an input (whatever path, symbolic or hard link names
/// it), never writes two inputs to one output, reports a failed write with a non-zero exit, creates the missing
/// directories of an output, and refuses FIFOs and other non-regular files instead of blocking on them.
final class FileSafetyTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("file-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func executable() throws -> URL {
        guard let executable = TestPaths.landmarkExecutable() else {
            throw XCTSkip("the landmark executable is not built (swift build --product landmark)")
        }
        return executable
    }

    /// Runs `landmark` under `timeout`, so that a command that blocks fails the test (status 124) instead of
    /// hanging it.
    private func landmark(_ arguments: [String], stdin: Data? = nil) throws -> CommandOutcome {
        try CommandRun.run(URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", "60", try executable().path] + arguments,
                           stdin: stdin)
    }

    /// Runs `landmark` through `sh -c`, `$0` being the executable: for redirections (`> /dev/full`, `>&-`) and
    /// file names that are not UTF-8.
    private func shell(_ script: String) throws -> CommandOutcome {
        try CommandRun.run(URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", "60", "/bin/sh", "-c", script, try executable().path])
    }

    /// Asserts a clean refusal: exit status 1, one `error:` line naming `fragment`.
    private func assertRefused(_ outcome: CommandOutcome, mentions fragment: String, file: StaticString = #filePath,
                               line: UInt = #line) {
        XCTAssertTrue(outcome.exited, "killed: \(outcome.stderr)", file: file, line: line)
        XCTAssertEqual(outcome.status, 1, "status \(outcome.status) (124/137: it blocked): \(outcome.stderr)", file: file, line: line)
        let errors = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        XCTAssertEqual(errors.count, 1, outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(fragment), "'\(outcome.stderr)' does not mention '\(fragment)'", file: file, line: line)
    }

    /// A small picture with no face (fast to search), written as `name`.
    @discardableResult
    private func picture(_ name: String, seed: UInt8 = 0) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var pixels = [UInt8](repeating: 0, count: 48 * 40 * 3)
        for i in pixels.indices { pixels[i] = UInt8(truncatingIfNeeded: i &* 7 &+ Int(seed)) }
        try Image(width: 48, height: 40, channels: 3, pixels: pixels).write(to: url)
        return url
    }

    private func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    // MARK: - Missing directories (first run)

    func testOutputsGetTheirMissingDirectories() throws {
        let photo = try picture("in.png")
        let drawn = directory.appendingPathComponent("new/deeper/out.png")
        let outcome = try landmark(["detect", photo.path, "--no-mesh", "--draw", drawn.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertGreaterThan(try bytes(drawn).count, 0)
        // Several images: --draw names a directory, made with its parents.
        try picture("two.png", seed: 3)
        let drawnDirectory = directory.appendingPathComponent("made/here")
        let several = try landmark(["detect", photo.path, directory.appendingPathComponent("two.png").path, "--no-mesh",
                                    "--draw", drawnDirectory.path])
        XCTAssertEqual(several.status, 0, several.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: drawnDirectory.appendingPathComponent("in.png").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: drawnDirectory.appendingPathComponent("two.png").path))
        // bench --plot.
        let model = TestPaths.fixture("seed_tf1/graph.pb").path
        let plot = directory.appendingPathComponent("plots/a/b.svg")
        let bench = try landmark(["bench", model, "--iterations", "1", "--warmup", "0", "--threads", "1", "--plot", plot.path])
        XCTAssertEqual(bench.status, 0, bench.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: plot.path))
    }

    // MARK: - Outputs that are inputs

    func testDrawOntoAnInputIsRefused() throws {
        let photo = try picture("photo.png")
        let original = try bytes(photo)
        assertRefused(try landmark(["detect", photo.path, "--no-mesh", "--draw", photo.path]), mentions: "photo.png")
        // Through another spelling, a symbolic link and a hard link.
        let spelled = directory.path + "/./photo.png"
        assertRefused(try landmark(["detect", photo.path, "--no-mesh", "--draw", spelled]), mentions: "photo.png")
        let symbolic = directory.appendingPathComponent("symbolic.png"), hard = directory.appendingPathComponent("hard.png")
        try FileManager.default.createSymbolicLink(at: symbolic, withDestinationURL: photo)
        try FileManager.default.linkItem(at: photo, to: hard)
        assertRefused(try landmark(["detect", photo.path, "--no-mesh", "--draw", symbolic.path]), mentions: "photo.png")
        assertRefused(try landmark(["detect", photo.path, "--no-mesh", "--draw", hard.path]), mentions: "photo.png")
        XCTAssertEqual(try bytes(photo), original)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: symbolic.path), photo.path)
    }

    func testDrawIntoTheInputDirectoryNeverReplacesAnInput() throws {
        let photos = directory.appendingPathComponent("photos")
        let a = try picture("photos/a.png"), b = try picture("photos/b.png", seed: 5)
        let before = [try bytes(a), try bytes(b)]
        let outcome = try landmark(["detect", photos.path, "--no-mesh", "--draw", photos.path])
        assertRefused(outcome, mentions: "a.png")
        XCTAssertEqual([try bytes(a), try bytes(b)], before)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: photos.path)), ["a.png", "b.png"])
    }

    func testTwoInputsNeverShareAnOutput() throws {
        let first = try picture("a/p.png"), second = try picture("b/p.png", seed: 9)
        let out = directory.appendingPathComponent("out")
        let outcome = try landmark(["detect", first.path, second.path, "--no-mesh", "--draw", out.path])
        assertRefused(outcome, mentions: "p.png")
        XCTAssertTrue(outcome.stderr.contains(first.path) && outcome.stderr.contains(second.path), outcome.stderr)
        // Refused before anything was drawn.
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("p.png").path))
        // p.jpg and p.jpeg both draw to p.jpg.
        let jpg = directory.appendingPathComponent("c/p.jpg"), jpeg = directory.appendingPathComponent("c/p.jpeg")
        try FileManager.default.createDirectory(at: jpg.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Image(contentsOf: first).write(to: jpg)
        try Image(contentsOf: first).write(to: jpeg)
        assertRefused(try landmark(["detect", jpg.deletingLastPathComponent().path, "--no-mesh", "--draw", out.path]),
                      mentions: "p.jp")
    }

    func testDrawDirectoryAndExtensionChecksComeFirst() throws {
        // A directory input holding one image: --draw names a directory.
        try picture("one/only.png")
        let outOne = directory.appendingPathComponent("outone")
        let outcome = try landmark(["detect", directory.appendingPathComponent("one").path, "--no-mesh", "--draw", outOne.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: outOne.appendingPathComponent("only.png").path), outcome.stderr)
        // Several images drawn onto an existing file.
        let a = try picture("a.png"), b = try picture("b.png", seed: 1)
        let existing = directory.appendingPathComponent("existing.png")
        try Data("keep".utf8).write(to: existing)
        assertRefused(try landmark(["detect", a.path, b.path, "--no-mesh", "--draw", existing.path]), mentions: "existing.png")
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "keep")
        // An unknown extension is refused before any detection.
        let refused = try landmark(["detect", a.path, "--no-mesh", "--draw", directory.appendingPathComponent("x.gif").path])
        assertRefused(refused, mentions: "x.gif")
        XCTAssertEqual(refused.stdout, "", "nothing was detected")
    }

    func testStandardOutputThatIsAnInputIsRefused() throws {
        let photo = try picture("photo.png")
        let original = try bytes(photo)
        let outcome = try shell("\"$0\" detect '\(photo.path)' --no-mesh --json >> '\(photo.path)'")
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("standard output"), outcome.stderr)
        XCTAssertEqual(try bytes(photo), original)
    }

    // MARK: - Failed writes

    func testAFailedWriteToStandardOutputIsAnError() throws {
        let photo = try picture("photo.png")
        for redirect in ["> /dev/full", ">&-"] {
            for extra in ["--json", ""] {
                let outcome = try shell("\"$0\" detect '\(photo.path)' --no-mesh \(extra) \(redirect)")
                XCTAssertEqual(outcome.status, 1, "\(redirect) \(extra): \(outcome.stderr)")
                XCTAssertTrue(outcome.stderr.hasPrefix("error: ") && outcome.stderr.contains("standard output"),
                              "\(redirect) \(extra): \(outcome.stderr)")
            }
        }
        let model = TestPaths.fixture("seed_tf1/graph.pb").path
        let inspect = try shell("\"$0\" inspect '\(model)' > /dev/full")
        XCTAssertEqual(inspect.status, 1, inspect.stderr)
        XCTAssertTrue(inspect.stderr.contains("standard output"), inspect.stderr)
    }

    /// Each JSON line is written as it is made: a reader that stops after the first line stops the command (the
    /// images after it are not drawn), instead of getting everything at exit.
    func testJSONLinesAreFlushedOneByOne() throws {
        for i in 0..<6 { try picture("many/\(i).png", seed: UInt8(i)) }
        let drawn = directory.appendingPathComponent("drawn")
        let outcome = try shell("\"$0\" detect '\(directory.appendingPathComponent("many").path)' --no-mesh --json "
            + "--draw '\(drawn.path)' | head -n 1")
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(outcome.stdout.hasPrefix("{"), outcome.stdout)
        let count = (try? FileManager.default.contentsOfDirectory(atPath: drawn.path).count) ?? 0
        XCTAssertLessThan(count, 6, "the command ran to the end after its reader had gone")
    }

    // MARK: - FIFOs and other non-regular files

    private func fifo(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(url.path, 0o644), 0)
        return url
    }

    func testFIFOsAreRefusedNotWaitedOn() throws {
        let fifoImage = try fifo("x.fifo")
        assertRefused(try landmark(["detect", fifoImage.path]), mentions: "x.fifo")
        let model = try fifo("m.fifo")
        assertRefused(try landmark(["inspect", model.path]), mentions: "m.fifo")
        assertRefused(try landmark(["run", model.path]), mentions: "m.fifo")
        let photo = try picture("photo.png")
        assertRefused(try landmark(["detect", photo.path, "--no-mesh", "--model", model.path]), mentions: "m.fifo")
        assertRefused(try landmark(["run", TestPaths.fixture("seed_tf1/graph.pb").path, "--input",
                                    "input_image_tensor=" + model.path]), mentions: "m.fifo")
        // In a directory scan a FIFO is skipped with a warning; the images are processed.
        try picture("scan/good.png")
        _ = try fifo("scan/x.jpg")
        let scan = try landmark(["detect", directory.appendingPathComponent("scan").path, "--no-mesh", "--json"])
        XCTAssertEqual(scan.status, 0, scan.stderr)
        XCTAssertTrue(scan.stderr.contains("x.jpg") && scan.stderr.contains("warning: "), scan.stderr)
        XCTAssertEqual(scan.stdout.split(separator: "\n").count, 1, scan.stdout)
        XCTAssertTrue(scan.stdout.contains("good.png"))
    }

    // MARK: - Sub-folders and path lists

    func testRecursiveAndPathListFromStandardInput() throws {
        let top = try picture("tree/top.png"), nested = try picture("tree/sub/nested.png", seed: 2)
        let tree = directory.appendingPathComponent("tree").path
        let flat = try landmark(["detect", tree, "--no-mesh", "--json"])
        XCTAssertEqual(flat.status, 0, flat.stderr)
        XCTAssertEqual(flat.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(flat.stderr.contains("--recursive"), "a skipped sub-folder is mentioned: \(flat.stderr)")
        let deep = try landmark(["detect", tree, "--no-mesh", "--json", "--recursive"])
        XCTAssertEqual(deep.status, 0, deep.stderr)
        let lines = deep.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(deep.stdout.contains("nested.png"))
        // '-': paths from standard input, one per line.
        let list = Data("\(top.path)\n\(nested.path)\n".utf8)
        let listed = try landmark(["detect", "-", "--no-mesh", "--json"], stdin: list)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(listed.stdout.split(separator: "\n").count, 2)
    }

    // MARK: - Messages

    func testLatin1GraphAndNPYNamesOpen() throws {
        // caf\xe9.pb, x\xe9.npy and out\xe9/: Latin-1 names, not UTF-8, for --model, --input and --save-dir.
        let relu = TestPaths.fixture("relu")
        let seed = TestPaths.fixture("seed_tf1/graph.pb")
        let photo = try picture("photo.png")
        let e = "$(printf '\\351')"
        let copied = try shell("cd '\(directory.path)' && cp '\(relu.appendingPathComponent("graph.pb").path)' caf\(e).pb && "
            + "cp '\(relu.appendingPathComponent("x.npy").path)' x\(e).npy && cp '\(seed.path)' seed\(e).pb")
        XCTAssertEqual(copied.status, 0, copied.stderr)
        let inspect = try shell("cd '\(directory.path)' && \"$0\" inspect caf\(e).pb")
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("Relu"), inspect.stdout)
        let run = try shell("cd '\(directory.path)' && \"$0\" run caf\(e).pb --input x=x\(e).npy --save-dir out\(e)")
        XCTAssertEqual(run.status, 0, run.stderr)
        let saved = try shell("cmp '\(directory.path)'/out\(e)/out.npy '\(relu.appendingPathComponent("out.npy").path)'")
        XCTAssertEqual(saved.status, 0, "the saved output differs from TensorFlow's: \(saved.stdout)\(saved.stderr)")
        let bench = try shell("cd '\(directory.path)' && \"$0\" bench caf\(e).pb --input x=x\(e).npy --iterations 1 --warmup 0")
        XCTAssertEqual(bench.status, 0, bench.stderr)
        let detect = try shell("cd '\(directory.path)' && \"$0\" detect '\(photo.path)' --model seed\(e).pb --no-mesh --json")
        XCTAssertEqual(detect.status, 0, detect.stderr)
        XCTAssertTrue(detect.stdout.contains("\"width\""), detect.stdout)
        // A missing Latin-1 model is named as the user typed it (the é shown as Latin-1).
        let missing = try shell("cd '\(directory.path)' && \"$0\" inspect absent\(e).pb")
        assertRefused(missing, mentions: "absent\u{E9}.pb")
    }

    func testLatin1FileNamesOpenAndMessagesSayWhatFailed() throws {
        // caf\xe9.png: a Latin-1 name, not UTF-8.
        let photo = try picture("photo.png")
        let named = try shell("cp '\(photo.path)' '\(directory.path)'/caf$(printf '\\351').png && "
            + "cd '\(directory.path)' && \"$0\" detect caf$(printf '\\351').png --no-mesh --json")
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertTrue(named.stdout.contains("\"width\""), named.stdout)
        // --min-face nan names the user's option.
        let nan = try landmark(["detect", photo.path, "--min-face", "nan"])
        XCTAssertNotEqual(nan.status, 0)
        XCTAssertTrue(nan.stderr.contains("--min-face"), nan.stderr)
        // Messages say what failed in words, never "(NSCocoaErrorDomain error 512.)".
        let plain = directory.appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: plain)
        let underFile = try landmark(["detect", photo.path, "--no-mesh", "--draw", plain.appendingPathComponent("o.png").path])
        assertRefused(underFile, mentions: "plain.txt is a regular file, not a directory")
        let saveDir = try landmark(["run", TestPaths.fixture("seed_tf1/graph.pb").path, "--save-dir", plain.path])
        assertRefused(saveDir, mentions: "plain.txt is a regular file, not a directory")
        let readOnly = directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        chmod(readOnly.path, 0o555)
        defer { chmod(readOnly.path, 0o755) }
        if getuid() != 0 {
            let denied = try landmark(["detect", photo.path, "--no-mesh", "--draw", readOnly.appendingPathComponent("o.png").path])
            assertRefused(denied, mentions: "locked")
            XCTAssertFalse(denied.stderr.contains("NSCocoaErrorDomain") || denied.stderr.contains("error 5"), denied.stderr)
        }
    }
}
