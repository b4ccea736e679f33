@testable import FacePipeline
import Foundation
import Images
import TestSupport
import XCTest

/// Faces counted on the committed photos, their turned copies and faceless images, by each detector choice.
final class CombinedFaceDetectorTests: XCTestCase {
    /// The faces a person counts on each committed photo.
    static let counted = ["astronaut.png": 1, "camera.png": 1, "grace_hopper.png": 1, "group.png": 6]

    static func photo(_ name: String) throws -> Image { try BlazeFaceTests.photo(name) }

    func testCountsOnCommittedPhotos() throws {
        var found: [FaceDetectorKind: Int] = [:]
        for kind in FaceDetectorKind.allCases {
            let detector = try CombinedFaceDetector(kind: kind)
            for (name, count) in Self.counted.sorted(by: { $0.key < $1.key }) {
                let faces = try detector.detect(in: Self.photo(name))
                print("\(kind.rawValue) \(name): \(faces.count) of \(count)")
                XCTAssertLessThanOrEqual(faces.count, count, "\(kind) \(name): a false detection")
                found[kind, default: 0] += faces.count
                for face in faces {
                    XCTAssertEqual(face.landmarks.count, 5)
                    // BlazeFace alone sees one of group.png's faces better in a turned copy.
                    if kind != .blazeface { XCTAssertEqual(face.rotation, .none, "\(kind) \(name)") }
                }
            }
        }
        XCTAssertEqual(found[.mtcnn], 9)
        XCTAssertEqual(found[.both], 9)
        XCTAssertLessThan(found[.blazeface] ?? 0, 9)
    }

    /// Fusion keeps MTCNN's box and points where both detectors found a face and labels it `both`; a face one
    /// detector alone found keeps that detector's label, also when it absorbs an overlapping face of its own.
    func testFusionLabelsWhichDetectorFoundEachFace() {
        func face(_ x: Double, _ score: Double, _ kind: FaceDetectorKind) -> DetectedFace {
            var face = DetectedFace(box: DetectedFace.Box(x: x, y: 0, width: 100, height: 100), score: score,
                                    landmarks: Array(repeating: DetectedFace.Point(x: x + 50, y: 50), count: 5))
            face.detector = kind
            return face
        }
        let fused = CombinedFaceDetector.fuse([face(0, 0.9, .mtcnn), face(10, 0.95, .blazeface), face(300, 0.8, .blazeface),
                                               face(600, 0.99, .mtcnn), face(620, 0.7, .mtcnn)], overlap: 0.5)
        XCTAssertEqual(fused.map(\.detector), [.mtcnn, .both, .blazeface])
        XCTAssertEqual(fused.map(\.box.x), [600, 0, 300])
        XCTAssertEqual(fused.map(\.score), [0.99, 0.9, 0.8])
        // Fusing again (as after a turned face replaces an upright one) keeps `both`.
        XCTAssertEqual(CombinedFaceDetector.fuse(fused + [face(5, 0.6, .mtcnn)], overlap: 0.5).map(\.detector), [.mtcnn, .both, .blazeface])
        XCTAssertEqual(FaceDetectorKind.both.joined(with: .mtcnn), .both)
        XCTAssertEqual(FaceDetectorKind.blazeface.joined(with: .blazeface), .blazeface)
    }

    /// The library's detector labels on the committed photos: each kind labels its faces with itself, `both`
    /// labels every face BlazeFace also finds upright `both` and the rest `mtcnn`.
    func testDetectorOfEachFaceOnCommittedPhotos() throws {
        var blazeFaces = 0, labelledBoth = 0
        for kind in FaceDetectorKind.allCases {
            let detector = try CombinedFaceDetector(kind: kind)
            for name in Self.counted.keys.sorted() {
                for face in try detector.detect(in: Self.photo(name)) {
                    switch kind {
                    case .mtcnn, .blazeface: XCTAssertEqual(face.detector, kind, name)
                    case .both: XCTAssertNotEqual(face.detector, .blazeface, "\(name): BlazeFace finds no face MTCNN misses here")
                    }
                    if kind == .blazeface, face.rotation == .none { blazeFaces += 1 }
                    if kind == .both, face.detector == .both { labelledBoth += 1 }
                }
            }
        }
        XCTAssertGreaterThan(blazeFaces, 0)
        XCTAssertEqual(labelledBoth, blazeFaces)
    }

    /// Every committed single-face photo turned by 90, 180 and 270 degrees: the face is found (in a turned
    /// pass where needed) and its box and (at 90 and 270 degrees) its eyes are in the turned photo's own
    /// coordinates.
    func testTurnedPhotosAreFoundInTheirOwnCoordinates() throws {
        let detector = try CombinedFaceDetector(kind: .both)
        for name in ["astronaut.png", "camera.png", "grace_hopper.png"] {
            let photo = try Self.photo(name)
            guard let upright = try detector.detect(in: photo).first else { return XCTFail("\(name): no face upright") }
            for turn in QuarterTurn.allCases where turn != .none {
                let turned = photo.applying(turn.orientation)
                let faces = try detector.detect(in: turned)
                XCTAssertEqual(faces.count, 1, "\(name) turned \(turn.rawValue)")
                guard let face = faces.first else { continue }
                // The upright face's eye centre, carried into the turned photo.
                let eyes = [upright.landmarks[0], upright.landmarks[1]].map { turn.mapForward($0, width: photo.width, height: photo.height) }
                let expected = DetectedFace.Point(x: (eyes[0].x + eyes[1].x) / 2, y: (eyes[0].y + eyes[1].y) / 2)
                let got = DetectedFace.Point(x: (face.landmarks[0].x + face.landmarks[1].x) / 2, y: (face.landmarks[0].y + face.landmarks[1].y) / 2)
                let side = max(upright.box.width, upright.box.height)
                XCTAssertLessThan(hypot(got.x - expected.x, got.y - expected.y), 0.1 * side, "\(name) turned \(turn.rawValue)")
                let centre = (face.box.x + face.box.width / 2, face.box.y + face.box.height / 2)
                let uprightCentre = turn.mapForward(DetectedFace.Point(x: upright.box.x + upright.box.width / 2, y: upright.box.y + upright.box.height / 2),
                                                    width: photo.width, height: photo.height)
                XCTAssertLessThan(hypot(centre.0 - uprightCentre.x, centre.1 - uprightCentre.y), 0.2 * side, "\(name) turned \(turn.rawValue)")
            }
        }
    }

    /// The committed photos turned by 90, 180 and 270 degrees, where both detectors can take an upside-down
    /// mouth for the eyes (grace_hopper.png) or read a face on its side upright (group.png's face at the top
    /// left turned 90 degrees, which only the mesh rejects): every face comes out with the upright photo's box,
    /// five points, 68 points and mesh carried through the turn (the face is read again in the copy turned back).
    func testTurnedFacesKeepTheirPoints() throws {
        let landmarker = try FaceLandmarker(detectorKind: .both)
        for name in Self.counted.keys.sorted() {
            let photo = try Self.photo(name)
            let upright = try landmarker.faces(in: photo)
            for turn in QuarterTurn.allCases where turn != .none {
                let turned = try landmarker.faces(in: photo.applying(turn.orientation))
                XCTAssertEqual(turned.count, upright.count, name)
                func forward(_ p: DetectedFace.Point) -> DetectedFace.Point { turn.mapForward(p, width: photo.width, height: photo.height) }
                for face in upright {
                    let box = turn.mapForward(face.box, width: photo.width, height: photo.height)
                    guard let match = turned.max(by: { CombinedFaceDetector.overlapOfSmaller($0.box, box) < CombinedFaceDetector.overlapOfSmaller($1.box, box) }),
                          CombinedFaceDetector.overlapOfSmaller(match.box, box) > 0.5 else {
                        XCTFail("\(name) turned \(turn.rawValue): the face at \(face.box) is not found")
                        continue
                    }
                    let side = max(face.box.width, face.box.height)
                    let label = "\(name) turned \(turn.rawValue), face at \(Int(face.box.x)),\(Int(face.box.y))"
                    // The turn that brings the face upright again: the opposite of the photo's.
                    XCTAssertEqual(match.rotation, QuarterTurn(rawValue: (360 - turn.rawValue) % 360), label)
                    for (p, q) in [(box.x, match.box.x), (box.y, match.box.y), (box.width, match.box.width), (box.height, match.box.height)] {
                        XCTAssertEqual(p, q, accuracy: 0.02 * side, label)
                    }
                    for (k, (p, q)) in zip(face.landmarks5.map(forward), match.landmarks5).enumerated() {
                        XCTAssertLessThan(hypot(p.x - q.x, p.y - q.y), 0.02 * side, "\(label) point \(k)")
                    }
                    let points68 = zip(face.landmarks68 ?? [], match.landmarks68 ?? []).map { p, q in hypot(forward(p).x - q.x, forward(p).y - q.y) }
                    XCTAssertEqual(points68.count, 68, label)
                    XCTAssertLessThan(points68.max() ?? .infinity, 0.02 * side, "\(label): 68 points")
                    let mesh = zip(face.mesh ?? [], match.mesh ?? []).map { p, q -> Double in
                        let f = forward(DetectedFace.Point(x: p.x, y: p.y))
                        return hypot(f.x - q.x, f.y - q.y)
                    }
                    XCTAssertEqual(mesh.count, FaceMesh.pointCount, label)
                    XCTAssertLessThan(mesh.max() ?? .infinity, 0.02 * side, "\(label): mesh")
                }
            }
        }
    }

    func testNoFacesOnFacelessImages() throws {
        let detector = try CombinedFaceDetector(kind: .both)
        // The gray background and empty corner of group.png.
        let group = try Self.photo("group.png")
        let background = try crop(group, x: 0, y: 220, width: 250, height: 180)
        // The astronaut's suit below her face: turned, BlazeFace once took it for a face (score 0.52).
        let suit = try crop(Self.photo("astronaut.png"), x: 0, y: 260, width: 417, height: 157)
        // A smooth colour gradient with a deterministic texture.
        var pixels = [UInt8](repeating: 0, count: 320 * 240 * 3)
        var state: UInt32 = 12345
        for y in 0..<240 {
            for x in 0..<320 {
                state = state &* 1_664_525 &+ 1_013_904_223
                let noise = Int(state >> 28)
                let base = (y * 320 + x) * 3
                pixels[base] = UInt8(clamping: 60 + x / 2 + noise)
                pixels[base + 1] = UInt8(clamping: 90 + y / 3 + noise)
                pixels[base + 2] = UInt8(clamping: 200 - x / 4 + ((x / 16 + y / 16) % 2) * 20)
            }
        }
        let texture = try Image(width: 320, height: 240, channels: 3, pixels: pixels)
        for (label, image) in [("background", background), ("suit", suit), ("texture", texture)] {
            let faces = try detector.detect(in: image)
            XCTAssertEqual(faces.count, 0, "\(label): \(faces)")
        }
    }

    func testQuarterTurnsMapPixelsBack() throws {
        let photo = try Self.photo("grace_hopper.png")
        for turn in QuarterTurn.allCases {
            let turned = photo.applying(turn.orientation)
            for (x, y) in [(0, 0), (17, 3), (turned.width - 1, turned.height - 1), (100, 200)] {
                // The centre of turned pixel (x, y) maps to the centre of the original pixel it shows.
                let p = turn.mapBack(DetectedFace.Point(x: Double(x) + 0.5, y: Double(y) + 0.5), turnedWidth: turned.width, turnedHeight: turned.height)
                let ox = Int(p.x), oy = Int(p.y)
                XCTAssertEqual(turned.pixels[(y * turned.width + x) * 3], photo.pixels[(oy * photo.width + ox) * 3], "\(turn) \(x),\(y)")
                let q = turn.mapForward(p, width: photo.width, height: photo.height)
                XCTAssertEqual(q.x, Double(x) + 0.5, accuracy: 1e-9)
                XCTAssertEqual(q.y, Double(y) + 0.5, accuracy: 1e-9)
            }
        }
    }

    /// grace_hopper.png upright beside a copy turned 90 degrees clockwise, on gray: both faces are found, the
    /// turned one in the copy turned back (rotation 270) with its eyes where the turned copy shows them.
    func testTurnedFaceBesideAnUprightOne() throws {
        let photo = try Self.photo("grace_hopper.png")
        let turned = photo.applying(QuarterTurn.clockwise.orientation)
        let canvas = try Self.sideBySide(photo, turned)
        let faces = try CombinedFaceDetector(kind: .both).detect(in: canvas)
        XCTAssertEqual(faces.count, 2, "\(faces)")
        let upright = try XCTUnwrap(faces.first { $0.box.x < Double(photo.width) })
        let sideways = try XCTUnwrap(faces.first { $0.box.x >= Double(photo.width) })
        XCTAssertEqual(upright.rotation, .none)
        XCTAssertEqual(sideways.rotation, .counterClockwise)
        // The upright face's eyes, carried into the turned copy on the canvas.
        let side = max(upright.box.width, upright.box.height)
        for k in 0..<2 {
            var expected = QuarterTurn.clockwise.mapForward(upright.landmarks[k], width: photo.width, height: photo.height)
            expected.x += Double(photo.width)
            let got = sideways.landmarks.min { hypot($0.x - expected.x, $0.y - expected.y) < hypot($1.x - expected.x, $1.y - expected.y) }!
            XCTAssertLessThan(hypot(got.x - expected.x, got.y - expected.y), 0.1 * side, "eye \(k)")
        }
        // MTCNN alone has no BlazeFace to look at the turned copies: only the upright face.
        let mtcnn = try CombinedFaceDetector(kind: .mtcnn).detect(in: canvas)
        XCTAssertEqual(mtcnn.count, 1)
        XCTAssertEqual(mtcnn.first?.rotation, QuarterTurn.none)
    }

    /// Two RGB images side by side on a gray canvas as high as the higher one.
    static func sideBySide(_ left: Image, _ right: Image) throws -> Image {
        let width = left.width + right.width, height = max(left.height, right.height)
        var pixels = [UInt8](repeating: 128, count: width * height * 3)
        for (image, x0) in [(left, 0), (right, left.width)] {
            for row in 0..<image.height {
                let source = row * image.width * 3, target = (row * width + x0) * 3
                pixels.replaceSubrange(target..<(target + image.width * 3), with: image.pixels[source..<(source + image.width * 3)])
            }
        }
        return try Image(width: width, height: height, channels: 3, pixels: pixels)
    }

    private func crop(_ image: Image, x: Int, y: Int, width: Int, height: Int) throws -> Image {
        var pixels: [UInt8] = []
        for row in y..<(y + height) {
            let start = (row * image.width + x) * 3
            pixels += image.pixels[start..<(start + width * 3)]
        }
        return try Image(width: width, height: height, channels: 3, pixels: pixels)
    }
}
