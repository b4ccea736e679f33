@testable import FacePipeline
import Foundation
import TestSupport
import XCTest

/// Head pose: its sign conventions on synthetic rotations of the reference face (known angles in, the same angles
/// out), and on photos: a mirrored photo flips yaw and roll, a photo turned in its plane turns roll by as much.
final class HeadPoseTests: XCTestCase {
    private func rotatedReference(_ pose: HeadPose, scale: Double = 80, shift: SIMD3<Double> = [300, 200, 5]) throws -> [FaceMesh.Point] {
        let reference = try XCTUnwrap(HeadPose.referenceFace)
        let r = pose.rotation
        return reference.map { p in
            let q = SIMD3((0..<3).map { i in r[i][0] * p.x + r[i][1] * p.y + r[i][2] * p.z })
            let moved = q * scale + shift
            return FaceMesh.Point(x: moved.x, y: moved.y, z: moved.z)
        }
    }

    /// Pitch 0 is a frontal face, as MediaPipe's canonical face model has it: the reference's forehead top (mesh
    /// point 10) lies straight above its chin (152), not tilted by the portraits' average pitch (about 9 degrees,
    /// chin back, before `scripts/pose/level_mean_face.py`).
    func testPitchZeroIsFrontal() throws {
        let reference = try XCTUnwrap(HeadPose.referenceFace)
        let line = reference[152] - reference[10]
        let tilt = atan2(line.z, line.y) * 180 / .pi
        XCTAssertLessThan(abs(tilt), 3, "forehead-to-chin line \(tilt) degrees from the image plane's vertical")
        // Symmetric: yaw and roll 0 at pitch 0.
        XCTAssertEqual(reference[33].y, reference[263].y, accuracy: 1e-3)
        XCTAssertEqual(reference[33].z, reference[263].z, accuracy: 1e-3)
    }

    func testSyntheticRotationsComeBack() throws {
        let angles: [Double] = [-60, -35, -10, 0, 5, 25, 50]
        for yaw in angles {
            for pitch in [-40.0, -15, 0, 20, 45] {
                for roll in [-70.0, -20, 0, 15, 80] {
                    let pose = HeadPose(pitch: pitch, yaw: yaw, roll: roll)
                    let estimated = try XCTUnwrap(HeadPose(mesh: try rotatedReference(pose)))
                    XCTAssertEqual(estimated.yaw, yaw, accuracy: 1e-6, "\(pose)")
                    XCTAssertEqual(estimated.pitch, pitch, accuracy: 1e-6, "\(pose)")
                    XCTAssertEqual(estimated.roll, roll, accuracy: 1e-6, "\(pose)")
                }
            }
        }
    }

    /// What each sign means in the image: the nose tip (mesh point 1) moves to larger x for yaw > 0 and up for
    /// pitch > 0; the right end of the eye line (mesh point 263) goes down for roll > 0.
    func testSignConventions() throws {
        let front = try rotatedReference(HeadPose(pitch: 0, yaw: 0, roll: 0))
        let centre = front[168]   // between the eyes
        let right = try rotatedReference(HeadPose(pitch: 0, yaw: 30, roll: 0))
        XCTAssertGreaterThan(right[1].x - right[168].x, front[1].x - centre.x + 2)
        let up = try rotatedReference(HeadPose(pitch: 30, yaw: 0, roll: 0))
        XCTAssertLessThan(up[1].y - up[168].y, front[1].y - centre.y - 2)
        let clockwise = try rotatedReference(HeadPose(pitch: 0, yaw: 0, roll: 20))
        XCTAssertGreaterThan(clockwise[263].y - clockwise[33].y, 10)
    }

    func testDegenerateMeshesHaveNoPose() throws {
        XCTAssertNil(HeadPose(mesh: []))
        var mesh = try rotatedReference(HeadPose(pitch: 0, yaw: 0, roll: 0))
        mesh[7].z = .nan
        XCTAssertNil(HeadPose(mesh: mesh))
        XCTAssertNil(HeadPose(mesh: [FaceMesh.Point](repeating: FaceMesh.Point(x: 1, y: 1, z: 1), count: FaceMesh.pointCount)))
    }

    /// On a portrait: a near-frontal pose; its mirror image flips yaw and roll; the photo turned 20 degrees
    /// clockwise (a face tilted clockwise) adds about 20 degrees of roll.
    func testPhotoMirrorAndTurn() throws {
        let photo = try Image(contentsOf: TestPaths.fixture("mtcnn/photos/grace_hopper.png"))
        let landmarker = try FaceLandmarker(withLandmarks68: false)
        let pose = try XCTUnwrap(landmarker.faces(in: photo).first?.pose)
        XCTAssertLessThan(abs(pose.yaw), 25)
        XCTAssertLessThan(abs(pose.pitch), 25)
        XCTAssertLessThan(abs(pose.roll), 15)

        let mirrored = try Self.mirrored(photo)
        let flipped = try XCTUnwrap(landmarker.faces(in: mirrored).first?.pose)
        XCTAssertEqual(flipped.yaw, -pose.yaw, accuracy: 4)
        XCTAssertEqual(flipped.roll, -pose.roll, accuracy: 4)
        XCTAssertEqual(flipped.pitch, pose.pitch, accuracy: 4)

        let turned = try Self.turned(photo, degrees: 20)
        let tilted = try XCTUnwrap(landmarker.faces(in: turned).first?.pose)
        XCTAssertEqual(tilted.roll - pose.roll, 20, accuracy: 5)
        XCTAssertEqual(tilted.yaw, pose.yaw, accuracy: 6)
    }

    static func mirrored(_ image: Image) throws -> Image {
        var pixels = image.pixels
        let c = image.channels
        for y in 0..<image.height {
            for x in 0..<image.width {
                for k in 0..<c {
                    pixels[(y * image.width + x) * c + k] = image.pixels[(y * image.width + image.width - 1 - x) * c + k]
                }
            }
        }
        return try Image(width: image.width, height: image.height, channels: c, pixels: pixels)
    }

    /// The image turned clockwise (as shown, y down) about its centre, nearest pixel, black outside.
    static func turned(_ image: Image, degrees: Double) throws -> Image {
        let angle = degrees * .pi / 180, c = image.channels
        let cx = Double(image.width) / 2, cy = Double(image.height) / 2
        var pixels = [UInt8](repeating: 0, count: image.pixels.count)
        for y in 0..<image.height {
            for x in 0..<image.width {
                // The source of output (x, y) is the output point turned back anticlockwise.
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                let sx = Int((cos(angle) * dx + sin(angle) * dy + cx).rounded(.down))
                let sy = Int((-sin(angle) * dx + cos(angle) * dy + cy).rounded(.down))
                guard sx >= 0, sy >= 0, sx < image.width, sy < image.height else { continue }
                for k in 0..<c { pixels[(y * image.width + x) * c + k] = image.pixels[(sy * image.width + sx) * c + k] }
            }
        }
        return try Image(width: image.width, height: image.height, channels: c, pixels: pixels)
    }
}
