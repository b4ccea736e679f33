import ArgumentParser
import FacePipeline
import FilePaths
import Foundation
import Images
import LandmarkNet

#if canImport(Glibc)
import Glibc
#endif

/// `landmark detect`: faces and landmarks in photos.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Find faces (box, score, 5 points) with the bundled MTCNN and BlazeFace detectors, their 468-point face mesh, and their landmarks with --model.",
        discussion: """
            --draw names a file (.png, .jpg, .jpeg, .ppm, .pgm, .pnm) for a single image given as a file; it names a \
            directory (made when missing) when several images, a directory or '-' are given, or when it is an \
            existing directory. There each drawing is named after its image: the image's file name (its path below \
            the directory argument with --recursive), as .jpg for a JPEG and .png otherwise. Two images whose \
            drawings would get the same name (a/p.png and b/p.png; p.jpg and p.jpeg) are refused before any work, \
            and no output may be one of the inputs, whatever path or link names it.
            """)

    @Argument(help: "Images (JPEG, PNG, PPM/PGM), directories of images, or '-' to read paths from standard input (one per line).")
    var images: [String]

    @Option(help: "A frozen landmark graph (e.g. the seed model) to run on every face.")
    var model: String?

    @Flag(name: .customLong("no-mesh"), help: "Skip the bundled 468-point face mesh (and so the head pose).")
    var noMesh = false

    @Flag(name: .customLong("no-landmarks68"), help: "Skip the bundled 68-point stage.")
    var noLandmarks68 = false

    @Flag(name: .customLong("mirror68"), inversion: .prefixedNo,
          help: "Also run each face's 68-point crop mirrored and average the two (about 7% lower error, twice the stage's time).")
    var mirror68 = true

    @Flag(help: "Print one JSON object per image (JSON Lines, each line written as soon as it is ready).")
    var json = false

    @Option(help: "Write the image with boxes, scores and points drawn: a file for one image, else a directory (see the overview).")
    var draw: String?

    @Flag(help: "Also search the sub-folders of directory arguments.")
    var recursive = false

    @Option(name: .customLong("min-face"), help: "Smallest face to find, in pixels (at least 12).")
    var minFace: Double = 20

    @Option(name: .customLong("scale-factor"), help: "Image pyramid scale step, in (0, 1).")
    var scaleFactor: Double = 0.709

    @Option(help: "P-Net, R-Net and O-Net score thresholds, comma-separated.")
    var thresholds: String = "0.6,0.7,0.8"

    @Option(help: "Face detector: mtcnn, blazeface, or both (their faces fused).")
    var detector: FaceDetectorKind = .both

    @Flag(name: .customLong("no-rotations"), help: "Do not search the image turned by 90, 180 and 270 degrees when it shows no face upright.")
    var noRotations = false

    @Option(name: .customLong("mesh-passes"), help: "Times the mesh region of a face BlazeFace did not find is refined from the mesh itself (0: the detection's region only; a face BlazeFace found takes MediaPipe's region from its detection, unrefined).")
    var meshPasses: Int = 1

    @OptionGroup(title: "Engine")
    var engine: EngineOptions

    @OptionGroup(title: "Limits for untrusted models")
    var limits: LimitOptions

    func validate() throws {
        if meshPasses < 0 || meshPasses > 8 { throw ValidationError("--mesh-passes must be 0 to 8") }
        if !(minFace.isFinite && minFace >= 12) { throw ValidationError("--min-face must be a number of pixels, at least 12") }
        if !(scaleFactor > 0 && scaleFactor < 1) { throw ValidationError("--scale-factor must be between 0 and 1") }
        _ = try stageThresholds()
    }

    private func stageThresholds() throws -> FaceDetector.StageThresholds {
        let values = thresholds.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 3, values.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw ValidationError("--thresholds expects three values in [0, 1], e.g. 0.6,0.7,0.8")
        }
        return FaceDetector.StageThresholds(pnet: values[0], rnet: values[1], onet: values[2])
    }

    /// Where each image's drawing goes (nil without --draw), checked before any work.
    private func drawTargets(_ inputs: ImageInputs, _ plan: inout OutputPlan) throws(CommandError) -> [String?] {
        guard let draw else { return inputs.entries.map { _ in nil } }
        let existing = FileStatus.of(draw)
        let intoDirectory = inputs.entries.count > 1 || inputs.hasDirectoryOrList || draw.hasSuffix("/")
            || existing.map(FileStatus.isDirectory) == true
        guard intoDirectory else {
            let ext = (draw as NSString).pathExtension
            guard ImageFormat(fileExtension: ext) != nil else {
                throw CommandError("--draw \(draw): unknown image file extension '\(ext)' (use png, jpg, jpeg, ppm, pgm or pnm)")
            }
            try plan.claimOutput(draw, option: "--draw", claimant: inputs.entries.first?.path)
            return [draw]
        }
        if let existing, !FileStatus.isDirectory(existing) {
            throw CommandError("--draw \(draw) is \(FileStatus.kind(existing)); with several images or a directory --draw names a directory")
        }
        try OutputPlan.prepareDirectory(draw, for: "--draw")
        return try inputs.entries.map { (entry) throws(CommandError) -> String? in
            let stem = (entry.drawName as NSString).deletingPathExtension
            let ext = (entry.path as NSString).pathExtension.lowercased()
            let target = (draw as NSString).appendingPathComponent(stem + (ext == "jpg" || ext == "jpeg" ? ".jpg" : ".png"))
            try plan.claimOutput(target, option: "--draw", claimant: entry.path)
            return target
        }
    }

    func run() throws {
        // Every file check comes before any work: nothing is detected when an output would be refused.
        let inputs: ImageInputs
        let targets: [String?]
        do throws(CommandError) {
            inputs = try ImageInputs(images, recursive: recursive) {
                [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            }
            var plan = OutputPlan()
            for entry in inputs.entries { plan.addInput(entry.path) }
            if let model {
                try InputFile.requireRegular(model, role: "--model", allowDirectory: true)
                plan.addInput(model)
            }
            try plan.checkStandardOutput()
            targets = try drawTargets(inputs, &plan)
        } catch {
            fail(error.description)
        }
        for warning in inputs.warnings { FileHandle.standardError.write(Data("warning: \(oneLine(warning))\n".utf8)) }
        guard !inputs.entries.isEmpty else {
            fail("no images found in \(images.joined(separator: ", "))" + (recursive ? "" : " (--recursive searches sub-folders)"))
        }
        let landmarker: FaceLandmarker
        var firstImage: Result<Image, LandmarkError>?
        do {
            var options = FaceDetector.Options()
            options.minFaceSize = minFace
            options.scaleFactor = scaleFactor
            options.thresholds = try stageThresholds()
            // The networks load two at a time, beside the first image's decoding.
            var detector: FaceDetector?, blazeFace: BlazeFaceDetector?, faceMesh: FaceMesh?
            var landmarks68: FaceLandmarks68?, landmarkModel: LandmarkModel?
            let firstURL = URL(fileURLWithPath: inputs.entries[0].path)
            try ConcurrentLoading.run([
                { firstImage = Result { () throws(LandmarkError) in try FaceLandmarker.image(at: firstURL) } },
                { detector = try FaceDetector(modelOptions: engine.modelOptions(), options: options) },
                { if !noMesh { faceMesh = try FaceMesh(modelOptions: engine.modelOptions()) } },
                { if !noLandmarks68 {
                    landmarks68 = try FaceLandmarks68(modelOptions: engine.modelOptions(),
                                                      options: FaceLandmarks68.Options(mirrorAveraging: mirror68))
                } },
                { if self.detector != .mtcnn { blazeFace = try BlazeFaceDetector(modelOptions: engine.modelOptions()) } },
                { landmarkModel = try model.map {
                    try LandmarkModel(Model(contentsOf: URL(fileURLWithPath: $0), options: engine.modelOptions(limits: limits)))
                } },
            ])
            guard let detector else { fail("the face detector did not load") }
            var configured = try FaceLandmarker(detector: detector, landmarkModel: landmarkModel, faceMesh: faceMesh, withMesh: !noMesh,
                                                faceLandmarks68: landmarks68, withLandmarks68: !noLandmarks68,
                                                detectorKind: self.detector, blazeFace: blazeFace)
            configured.searchRotations = !noRotations
            configured.meshRefinementPasses = meshPasses
            landmarker = configured
        } catch {
            fail("\(error)")
        }
        let progress = inputs.entries.count > 1 && isatty(2) != 0
        var failures = 0
        for (index, entry) in inputs.entries.enumerated() {
            let file = entry.path
            if progress { showProgress(index, inputs.entries.count, file) }
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                let url = URL(fileURLWithPath: file)
                let decoded = index == 0 ? firstImage ?? .failure(LandmarkError(.invalidFeed, "\(file) was not read"))
                                         : Result { () throws(LandmarkError) in try FaceLandmarker.image(at: url) }
                firstImage = nil
                let image = try decoded.get()
                let faces = try landmarker.faces(in: image, decodedFrom: url)
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                if json {
                    let record = FaceJSON.ImageFaces(image: FileSystemPath.display(file), width: image.width, height: image.height,
                                                     faces: faces.map { FaceJSON.Face($0) })
                    StandardOutput.writeLine(FaceJSON.line(record))
                } else {
                    StandardOutput.writeLine(textReport(FileSystemPath.display(file), image, faces, milliseconds))
                }
                if let target = targets[index] {
                    var canvas = image.channels == 3 ? image : image.rgb()
                    drawFaces(&canvas, faces)
                    try OutputFile.write(encoded(canvas, for: target), to: target)
                }
            } catch {
                failures += 1
                if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                let message = "\(error)"
                let named = message.contains(file) ? message : "\(file): \(message)"
                FileHandle.standardError.write(Data("error: \(oneLine(named))\n".utf8))
            }
        }
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if failures > 0 { Foundation.exit(1) }
    }

    /// The bytes of `image` in the format `path`'s extension names (checked before any work).
    private func encoded(_ image: Image, for path: String) throws -> [UInt8] {
        switch ImageFormat(fileExtension: (path as NSString).pathExtension) {
        case .jpeg: return try image.jpegData(quality: 90)
        case .pnm: return image.pnmData()
        default: return try image.pngData()
        }
    }

    private func showProgress(_ done: Int, _ total: Int, _ file: String) {
        let width = 30
        let filled = width * done / max(total, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(total) \(oneLine((file as NSString).lastPathComponent))".utf8))
    }

    private func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "null"
    }

    private func textReport(_ file: String, _ image: Image, _ faces: [FaceLandmarker.Face], _ ms: Double) -> String {
        var lines = ["\(file): \(image.width)x\(image.height), \(faces.count) face\(faces.count == 1 ? "" : "s") (\(String(format: "%.0f", ms)) ms)"]
        for (i, face) in faces.enumerated() {
            lines.append("  face \(i + 1): box x=\(number(face.box.x)) y=\(number(face.box.y)) w=\(number(face.box.width)) h=\(number(face.box.height))"
                + "  score \(String(format: "%.4f", face.score))")
            let names = ["left eye", "right eye", "nose", "mouth left", "mouth right"]
            lines.append("    5 points: " + zip(names, face.landmarks5).map { "\($0) (\(number($1.x)), \(number($1.y)))" }.joined(separator: ", "))
            if let landmarks = face.landmarks {
                lines.append("    \(landmarks.count) landmarks: " + landmarks.prefix(3).map { "(\(number($0.x)), \(number($0.y)))" }.joined(separator: " ")
                    + (landmarks.count > 3 ? " ..." : ""))
            }
            if let line = DetectMeshOutput.textLine(face) { lines.append(line) }
        }
        return lines.joined(separator: "\n")
    }
}

extension FaceDetectorKind: ExpressibleByArgument {}
