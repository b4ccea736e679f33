import ArgumentParser
import FacePipeline
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
        abstract: "Find faces (box, score, 5 points) with the bundled MTCNN detector, their 468-point face mesh, and their landmarks with --model.")

    @Argument(help: "Images (JPEG, PNG, PPM/PGM) or directories of images.")
    var images: [String]

    @Option(help: "A frozen landmark graph (e.g. the seed model) to run on every face.")
    var model: String?

    @Flag(name: .customLong("no-mesh"), help: "Skip the bundled 468-point face mesh.")
    var noMesh = false

    @Flag(help: "Print one JSON object per image (JSON Lines).")
    var json = false

    @Option(help: "Write the image with boxes, scores and points drawn (.png or .jpg); a directory when several images are given.")
    var draw: String?

    @Option(name: .customLong("min-face"), help: "Smallest face to find, in pixels.")
    var minFace: Double = 20

    @Option(name: .customLong("scale-factor"), help: "Image pyramid scale step, in (0, 1).")
    var scaleFactor: Double = 0.709

    @Option(help: "P-Net, R-Net and O-Net score thresholds, comma-separated.")
    var thresholds: String = "0.6,0.7,0.8"

    @Option(help: "BLAS threads.")
    var threads: Int?

    @OptionGroup(title: "Limits for untrusted models")
    var limits: LimitOptions

    func validate() throws {
        if minFace < 12 { throw ValidationError("--min-face must be at least 12 pixels") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
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

    func run() throws {
        let files = expand(images)
        guard !files.isEmpty else { fail("no images found in \(images.joined(separator: ", "))") }
        let landmarker: FaceLandmarker
        do {
            var options = FaceDetector.Options()
            options.minFaceSize = minFace
            options.scaleFactor = scaleFactor
            options.thresholds = try stageThresholds()
            let detector = try FaceDetector(options: options)
            let landmarkModel = try model.map { try LandmarkModel(Model(contentsOf: URL(fileURLWithPath: $0), options: Model.Options(limits: limits.limits, threads: threads))) }
            let faceMesh = noMesh ? nil : try FaceMesh(modelOptions: Model.Options(threads: threads))
            landmarker = try FaceLandmarker(detector: detector, landmarkModel: landmarkModel, faceMesh: faceMesh, withMesh: !noMesh)
        } catch {
            fail("\(error)")
        }
        let drawDirectory = draw != nil && files.count > 1
        if let draw, drawDirectory {
            try? FileManager.default.createDirectory(atPath: draw, withIntermediateDirectories: true)
        }
        let progress = files.count > 1 && isatty(2) != 0
        var failures = 0
        for (index, file) in files.enumerated() {
            if progress { showProgress(index, files.count, file) }
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                let (image, faces) = try landmarker.faces(inImageAt: URL(fileURLWithPath: file))
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                if json {
                    print(jsonLine(file, image, faces))
                } else {
                    print(textReport(file, image, faces, milliseconds))
                }
                if let draw {
                    var canvas = image.channels == 3 ? image : image.rgb()
                    annotate(&canvas, faces)
                    let target = drawDirectory ? drawTarget(for: file, in: draw) : draw
                    try canvas.write(to: URL(fileURLWithPath: target))
                }
            } catch {
                failures += 1
                if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                FileHandle.standardError.write(Data("error: \(oneLine("\(error)"))\n".utf8))
            }
        }
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if failures > 0 { Foundation.exit(1) }
    }

    /// Files, with directories replaced by the images they hold (sorted).
    private func expand(_ paths: [String]) -> [String] {
        let extensions: Set<String> = ["jpg", "jpeg", "png", "ppm", "pgm", "pnm"]
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    private func drawTarget(for file: String, in directory: String) -> String {
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let ext = (file as NSString).pathExtension.lowercased()
        return (directory as NSString).appendingPathComponent(stem + (ext == "jpg" || ext == "jpeg" ? ".jpg" : ".png"))
    }

    private func showProgress(_ done: Int, _ total: Int, _ file: String) {
        let width = 30
        let filled = width * done / max(total, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(total) \((file as NSString).lastPathComponent)".utf8))
    }

    private func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "null"
    }

    private func jsonLine(_ file: String, _ image: Image, _ faces: [FaceLandmarker.Face]) -> String {
        let faceObjects = faces.map { jsonFace($0) }
        return "{\"image\": \(jsonString(file)), \"width\": \(image.width), \"height\": \(image.height), \"faces\": [\(faceObjects.joined(separator: ", "))]}"
    }

    /// A JSON string literal.
    private func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
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

    private func annotate(_ image: inout Image, _ faces: [FaceLandmarker.Face]) {
        drawFaces(&image, faces)
    }
}
