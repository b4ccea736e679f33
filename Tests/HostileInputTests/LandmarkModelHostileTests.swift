import FacePipeline
import Foundation
import GraphDefReader
import Images
import LandmarkNet
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A hostile landmark model (`landmark detect --model`): its declared input size decides how much the face
/// pipeline allocates per face, so a batch must be checked against the model's limits before any of it exists.
final class LandmarkModelHostileTests: XCTestCase {
    /// Peak resident memory of this process so far, in bytes.
    private func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    func testABatchOfFacesLargerThanTheTensorLimitFailsBeforeAllocating() throws {
        // [?, 2048, 2048, 3] float32 is 48 MiB per face: under a 64 MiB tensor limit for one face, but forty faces
        // in one batch would need 1.9 GiB of crops before the engine refused the feed.
        var g = HostileGraph()
        g.placeholder("image", shape: [-1, 2048, 2048, 3])
        g.constInt("axes", [1, 2, 3], shape: [3])
        g.op("mean", "Mean", ["image", "axes"], ["Tidx": .type(.int32)])
        g.constInt("pair", [-1, 2], shape: [2])
        g.op("points", "Reshape", ["mean", "pair"])
        let limits = ModelLimits(maxTensorBytes: 64 << 20, maxArenaBytes: 256 << 20)
        let model = try Model(data: Data(g.bytes), options: Model.Options(limits: limits))
        let landmarks = try LandmarkModel(model, output: "points")
        XCTAssertTrue(landmarks.acceptsAnyBatch)

        let image = try Image(width: 64, height: 64, channels: 3, pixels: [UInt8](repeating: 128, count: 64 * 64 * 3))
        let boxes = (0..<40).map { _ in DetectedFace.Box(x: 8, y: 8, width: 40, height: 40) }
        let before = peakResidentBytes()
        let start = Date()
        XCTAssertThrowsError(try landmarks.landmarks(in: image, boxes: boxes)) { error in
            XCTAssertTrue("\(error)".contains("tensor size limit"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "the batch is refused before its crops are resized")
        XCTAssertLessThan(peakResidentBytes() - before, 512 << 20, "the batch is refused before its crops are allocated")
    }
}

/// A photo whose face pyramid is too large for the detector is refused before the detector makes its float copy
/// of it (a 97 kB PNG of 10^8 gray pixels made `landmark detect` allocate 1.5 GB before failing).
final class FaceDetectorHostileTests: XCTestCase {
    func testAnImageTooLargeForThePyramidFailsBeforeItsFloatCopy() throws {
        let side = 9_700  // the first pyramid level (scale 0.6) has 33.9 Mpixels, above a 2^25 limit
        let image = try Image(width: side, height: side, channels: 1, pixels: [UInt8](repeating: 90, count: side * side))
        var options = FaceDetector.Options()
        options.maxPyramidLevelPixels = 1 << 25
        let detector = try FaceDetector(options: options)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let before = usage.ru_maxrss * 1024
        XCTAssertThrowsError(try detector.detect(in: image)) { error in
            XCTAssertTrue("\(error)".contains("exceeds the limit of 33554432 pixels"), "\(error)")
        }
        getrusage(RUSAGE_SELF.rawValue, &usage)
        XCTAssertLessThan(usage.ru_maxrss * 1024 - before, 256 << 20, "the float copy (1.1 GB) must not be made")
    }
}
