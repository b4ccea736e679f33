@testable import FacePipeline
import Foundation
import Images
import TestSupport
import XCTest

/// The detector's bounded-memory pyramid: P-Net tiles, levels made piece by piece from the 8-bit image, and
/// working copies for the coarse levels of large photos.
final class LargePhotoTests: XCTestCase {
    static let detector = Result { try FaceDetector() }

    func photo(_ name: String) throws -> Image {
        try Image(contentsOf: MTCNNReference.directory.appendingPathComponent("photos/\(name).png"))
    }

    /// The detector as it was before tiling: the whole image normalized to floats, every level resized whole
    /// and run through P-Net in one piece, R-Net and O-Net crops taken from the float copy.
    func wholeImageDetection(_ detector: FaceDetector, _ image: Image) throws -> [DetectedFace] {
        let options = detector.options
        let normalized = try FloatImage(normalizing: image)
        var all: [FaceCandidate] = []
        for scale in ScalePyramid.scales(width: image.width, height: image.height, minFaceSize: options.minFaceSize,
                                         minimumSize: options.minimumPyramidSize, factor: options.scaleFactor) {
            let size = try detector.levelSize(width: image.width, height: image.height, scale: scale)
            guard size.width >= 11, size.height >= 11 else { continue }
            let level = AreaResize.resize(normalized, height: size.height, width: size.width)
            var found = try detector.pnetCandidates(level, threshold: options.thresholds.pnet)
            for i in found.indices {
                found[i].x1 /= scale
                found[i].y1 /= scale
                found[i].x2 /= scale
                found[i].y2 /= scale
            }
            all += NonMaximumSuppression.suppress(found, threshold: options.pnetLevelNMSThreshold, method: .union)
        }
        var candidates = NonMaximumSuppression.suppress(NonMaximumSuppression.sortedByScore(all),
                                                        threshold: options.pnetNMSThreshold, method: .union).map { $0.squared() }
        if candidates.isEmpty { return [] }
        candidates = try detector.refineCandidates(normalized, candidates)
        if candidates.isEmpty { return [] }
        candidates = try detector.outputCandidates(normalized, candidates)
        return candidates.map { detector.face(from: $0, width: image.width, height: image.height) }
    }

    /// Tiles cover every output cell of an axis exactly once, start at even pixels, and are at most one pixel
    /// longer than asked.
    func testTilesCoverEveryCellOnce() {
        for tile in [24, 26, 64, 512] {
            for length in Array(12...200) + [511, 512, 513, 514, 515, 1000, 1001, 4801, 4800] {
                let spans = PNetTiling.spans(length: length, tile: tile)
                XCTAssertEqual(spans.first?.cells.lowerBound, 0)
                XCTAssertEqual(spans.last?.cells.upperBound, PNetTiling.cellCount(length))
                XCTAssertEqual(spans.last?.input.upperBound, length)
                for (k, span) in spans.enumerated() {
                    XCTAssertEqual(span.input.lowerBound % 2, 0)
                    XCTAssertLessThanOrEqual(span.input.count, max(tile + 1, spans.count == 1 ? length : 0))
                    XCTAssertFalse(span.cells.isEmpty, "tile \(tile) length \(length) span \(k)")
                    // The kept cells are cells the tile computes.
                    let first = span.input.lowerBound / 2
                    XCTAssertGreaterThanOrEqual(span.cells.lowerBound, first)
                    XCTAssertLessThanOrEqual(span.cells.upperBound, first + PNetTiling.cellCount(span.input.count))
                    if k > 0 { XCTAssertEqual(spans[k - 1].cells.upperBound, span.cells.lowerBound) }
                    if k < spans.count - 1 { XCTAssertEqual(span.input.count % 2, 0) }
                }
            }
        }
    }

    /// A rectangle of an area resize made from a window of the input equals that part of the whole resize.
    func testAreaResizeOfARectangleFromAWindowIsExact() {
        var generator = SystemRandomNumberGenerator()
        for (inW, inH, outW, outH) in [(97, 61, 58, 36), (40, 30, 40, 30), (50, 33, 71, 47), (300, 7, 13, 3)] {
            let values = (0..<(inW * inH * 3)).map { _ in Float.random(in: -1...1, using: &generator) }
            let input = FloatImage(width: inW, height: inH, channels: 3, values: values)
            let whole = AreaResize.resize(input, height: outH, width: outW)
            for _ in 0..<20 {
                let x0 = Int.random(in: 0..<outW, using: &generator), y0 = Int.random(in: 0..<outH, using: &generator)
                let columns = x0..<Int.random(in: (x0 + 1)...outW, using: &generator)
                let rows = y0..<Int.random(in: (y0 + 1)...outH, using: &generator)
                let needX = AreaResize.inputRange(input: inW, output: outW, outputs: columns)
                let needY = AreaResize.inputRange(input: inH, output: outH, outputs: rows)
                var windowValues: [Float] = []
                for y in needY { windowValues += values[((y * inW + needX.lowerBound) * 3)..<((y * inW + needX.upperBound) * 3)] }
                let window = FloatImage(width: needX.count, height: needY.count, channels: 3, values: windowValues)
                let part = AreaResize.resize(window, origin: (needX.lowerBound, needY.lowerBound), inputWidth: inW,
                                             inputHeight: inH, height: outH, width: outW, rows: rows, columns: columns)
                var expected: [Float] = []
                for y in rows { expected += whole.values[((y * outW + columns.lowerBound) * 3)..<((y * outW + columns.upperBound) * 3)] }
                XCTAssertEqual(part.values, expected, "\(inW)x\(inH) -> \(outW)x\(outH), rows \(rows), columns \(columns)")
            }
        }
    }

    /// Faces equal up to float rounding: same count, detector and rotation, boxes and points within 0.001 pixel,
    /// scores within 1e-5.
    func assertSameFaces(_ a: [DetectedFace], _ b: [DetectedFace], _ message: String,
                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, message, file: file, line: line)
        for (x, y) in zip(a, b) {
            XCTAssertEqual(x.detector, y.detector, message, file: file, line: line)
            XCTAssertEqual(x.rotation, y.rotation, message, file: file, line: line)
            XCTAssertEqual(x.score, y.score, accuracy: 1e-5, message, file: file, line: line)
            let boxes = [(x.box.x, y.box.x), (x.box.y, y.box.y), (x.box.width, y.box.width), (x.box.height, y.box.height)]
            for (u, v) in boxes { XCTAssertEqual(u, v, accuracy: 1e-3, message, file: file, line: line) }
            XCTAssertEqual(x.landmarks.count, y.landmarks.count, message, file: file, line: line)
            for (p, q) in zip(x.landmarks, y.landmarks) {
                XCTAssertEqual(p.x, q.x, accuracy: 1e-3, message, file: file, line: line)
                XCTAssertEqual(p.y, q.y, accuracy: 1e-3, message, file: file, line: line)
            }
        }
    }

    /// On the reference photos the detector gives what a whole-image float pipeline gives, also with P-Net cut
    /// into small tiles and with levels made from windows of the 8-bit image. Bit for bit where the
    /// convolutions' summation order does not depend on the width of the image they run on; libxsmm's AVX-512
    /// kernels (the rows of P-Net's second and third layers on CPUs with AVX-512) sum in an order that does, so
    /// there the faces of tiles agree to float rounding.
    func testTiledDetectionEqualsWholeImageDetection() throws {
        let detector = try Self.detector.get()
        var tiled = detector
        tiled.options.pnetTileSide = 64
        var windowed = tiled
        windowed.options.maxExactPyramidPixels = 0
        windowed.options.minFaceSize = 12  // levels at scale 1 and 0.709: all from windows of the 8-bit image
        for name in ["astronaut", "grace_hopper", "camera", "group"] {
            let image = try photo(name)
            let expected = try wholeImageDetection(detector, image)
            XCTAssertFalse(expected.isEmpty, name)
            assertSameFaces(try detector.detect(in: image), expected, name)
            assertSameFaces(try tiled.detect(in: image), expected, "\(name), 64-pixel tiles")
            // Without the exact copy only the levels at scale > 1/2 are exact: compare the first stage there.
            let faces = try windowed.detect(in: image)
            XCTAssertFalse(faces.isEmpty, "\(name), levels from 8-bit windows")
            let levelScales = ScalePyramid.scales(width: image.width, height: image.height, minFaceSize: 12,
                                                  minimumSize: 12, factor: 0.709).prefix { $0 > 0.5 }
            XCTAssertEqual(levelScales.count, 3)
            for scale in levelScales {
                let size = try detector.levelSize(width: image.width, height: image.height, scale: scale)
                var source = try PyramidSource(NormalizedImageView(image), exactPixels: 0)
                var exact = try PyramidSource(NormalizedImageView(image), exactPixels: .max)
                try source.prepare(scale: scale)
                try exact.prepare(scale: scale)
                XCTAssertFalse(source.isExact)
                let rows = 3..<(size.height - 2), columns = 5..<(size.width - 1)
                XCTAssertEqual(try source.tile(scale: scale, width: size.width, height: size.height, columns: columns, rows: rows),
                               try exact.tile(scale: scale, width: size.width, height: size.height, columns: columns, rows: rows),
                               "\(name) level \(scale)")
            }
        }
    }

    /// Tiles run concurrently on the single-threaded P-Net give the faces a one-thread detector gives, bit for
    /// bit, whatever the number of threads (also with levels from 8-bit windows and working copies).
    func testTiledDetectionIsTheSameAtAnyThreadCount() throws {
        var options = FaceDetector.Options()
        options.pnetTileSide = 64
        let one = try FaceDetector(modelOptions: Model.Options(threads: 1), options: options)
        XCTAssertNil(one.tilePNet, "a one-thread detector runs its tiles one after the other")
        let three = try FaceDetector(modelOptions: Model.Options(threads: 3), options: options)
        XCTAssertEqual(try XCTUnwrap(three.tilePNet).threadCount, 1)
        var windowedOne = one, windowedThree = three
        windowedOne.options.maxExactPyramidPixels = 0
        windowedThree.options.maxExactPyramidPixels = 0
        for name in ["grace_hopper", "group"] {
            let image = try photo(name)
            let expected = try one.detect(in: image)
            XCTAssertFalse(expected.isEmpty, name)
            XCTAssertEqual(try three.detect(in: image), expected, name)
            XCTAssertEqual(try windowedThree.detect(in: image), try windowedOne.detect(in: image), "\(name), windowed")
        }
    }

    /// A photo above the exact-pyramid size (group.png tiled 2 x 2 with margins, 4.6 Mpixels, gray and RGB):
    /// every face of every copy is found where it was put, including the 21-pixel ones.
    func testFacesOfALargeCompositeAreFoundWhereTheyWerePut() throws {
        let reference = try MTCNNReference.load()
        let group = try photo("group")
        let groupFaces = try XCTUnwrap(reference.photos.first { $0.name == "group" }).faces
        let (width, height) = (2_600, 1_780)
        let offsets = [(37, 51), (1_310, 23), (121, 940), (1_700, 1_210)]
        var pixels = [UInt8](repeating: 118, count: width * height * 3)
        for (ox, oy) in offsets {
            for y in 0..<group.height {
                let from = y * group.width * 3, to = ((oy + y) * width + ox) * 3
                pixels.replaceSubrange(to..<(to + group.width * 3), with: group.pixels[from..<(from + group.width * 3)])
            }
        }
        let image = try Image(width: width, height: height, channels: 3, pixels: pixels)
        let detector = try Self.detector.get()
        XCTAssertGreaterThan(width * height, detector.options.maxExactPyramidPixels)
        let faces = try detector.detect(in: image)
        XCTAssertEqual(faces.count, offsets.count * groupFaces.count)
        for (ox, oy) in offsets {
            for expected in groupFaces {
                let box = [expected.box[0] + Double(ox), expected.box[1] + Double(oy), expected.box[2], expected.box[3]]
                let best = faces.map { FacesTests.iou($0.box, box) }.max() ?? 0
                XCTAssertGreaterThan(best, 0.8, "face at \(box)")
            }
        }
        XCTAssertTrue(faces.contains { $0.box.width < 24 }, "the smallest faces (about 21 pixels) are found")
    }

    /// The package's suppression done pairwise, as the reference for the grid.
    func pairwiseSuppression(_ boxes: [FaceCandidate], _ threshold: Double, _ method: NonMaximumSuppression.Overlap) -> [FaceCandidate] {
        boxes.indices.filter { j in
            !(0..<j).contains { NonMaximumSuppression.overlap(boxes[$0], boxes[j], method) > threshold }
        }.map { boxes[$0] }
    }

    /// Suppression through the grid (many candidates) keeps exactly the candidates the pairwise check keeps:
    /// clusters, scattered boxes, boxes without area, and boxes covering much of the image.
    func testGridSuppressionEqualsPairwise() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<6 {
            var boxes: [FaceCandidate] = []
            for _ in 0..<Int.random(in: 65...700, using: &generator) {
                let side = Double.random(in: 1...(round % 2 == 0 ? 40 : 300), using: &generator)
                let x = Double.random(in: -50...2000, using: &generator), y = Double.random(in: -50...1500, using: &generator)
                var box = FaceCandidate(x1: x, y1: y, x2: x + side * Double.random(in: 0.7...1.3, using: &generator),
                                        y2: y + side, score: Double.random(in: 0...1, using: &generator))
                switch Int.random(in: 0..<20, using: &generator) {
                case 0: box.x2 = box.x1 - 3  // no area
                case 1: (box.y1, box.y2) = (box.y2, box.y1)
                case 2: box.x2 = box.x1 + 1800  // covers many cells
                default: break
                }
                boxes.append(box)
                // Clusters: shifted copies, as P-Net gives around a face.
                if Int.random(in: 0..<3, using: &generator) == 0 {
                    boxes.append(FaceCandidate(x1: box.x1 + 2, y1: box.y1 - 1, x2: box.x2 + 2, y2: box.y2 - 1, score: box.score))
                }
            }
            let sorted = NonMaximumSuppression.sortedByScore(boxes)
            for (threshold, method) in [(0.5, NonMaximumSuppression.Overlap.union), (0.7, .union), (0.7, .minimum), (0, .union)] {
                XCTAssertEqual(NonMaximumSuppression.suppress(sorted, threshold: threshold, method: method),
                               pairwiseSuppression(sorted, threshold, method), "round \(round), \(threshold) \(method)")
            }
        }
    }

    /// More faces than the mesh's batch run in several batches, each giving what it gives alone.
    func testMeshRunsManyFacesInBoundedBatches() throws {
        let image = try photo("group")
        let detector = try Self.detector.get()
        var mesh = try FaceMesh()
        let rois = try detector.detect(in: image).compactMap { mesh.roi(for: $0) }
        XCTAssertEqual(rois.count, 6)
        mesh.options.maxBatch = 4
        let batched = try mesh.meshes(in: image, regions: rois)
        let first = try mesh.meshes(in: image, regions: Array(rois[0..<4]))
        let second = try mesh.meshes(in: image, regions: Array(rois[4...]))
        XCTAssertEqual(batched, first + second)
    }
}
