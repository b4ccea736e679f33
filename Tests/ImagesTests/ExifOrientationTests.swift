import XCTest
import Images

final class ExifOrientationTests: XCTestCase {
    /// Gray levels of the six 8x8 blocks of the stored test image, laid out as A B C / D E F.
    private let levels: [Character: UInt8] = ["A": 0, "B": 50, "C": 100, "D": 150, "E": 200, "F": 250]

    /// The stored 24x16 gray image: blocks A B C on top, D E F below.
    private func storedImage() throws -> Image {
        let layout: [[Character]] = [["A", "B", "C"], ["D", "E", "F"]]
        var pixels: [UInt8] = []
        for y in 0..<16 {
            for x in 0..<24 { pixels.append(levels[layout[y / 8][x / 8]] ?? 0) }
        }
        return try Image(width: 24, height: 16, channels: 1, pixels: pixels)
    }

    /// The displayed block layout for each orientation, written out by hand from the EXIF specification.
    private let expectedLayouts: [Int: [String]] = [
        1: ["ABC", "DEF"],
        2: ["CBA", "FED"],
        3: ["FED", "CBA"],
        4: ["DEF", "ABC"],
        5: ["AD", "BE", "CF"],
        6: ["DA", "EB", "FC"],
        7: ["FC", "EB", "DA"],
        8: ["CF", "BE", "AD"],
    ]

    /// An APP1 Exif payload: "Exif\0\0" + TIFF header + IFD0 with a few entries, orientation among them.
    private func exifPayload(orientation: Int, bigEndian: Bool, type: Int = 3) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] {
            bigEndian ? [UInt8(value >> 8), UInt8(value & 0xFF)] : [UInt8(value & 0xFF), UInt8(value >> 8)]
        }
        func u32(_ value: Int) -> [UInt8] {
            bigEndian ? u16(value >> 16) + u16(value & 0xFFFF) : u16(value & 0xFFFF) + u16(value >> 16)
        }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(8)
        tiff += u16(3)  // three entries: ImageWidth (LONG), Orientation, XResolution offset (RATIONAL)
        tiff += u16(0x0100) + u16(4) + u32(1) + u32(24)
        let value = type == 3 ? u16(orientation) + u16(0) : u32(orientation)
        tiff += u16(0x0112) + u16(type) + u32(1) + value
        tiff += u16(0x011A) + u16(5) + u32(1) + u32(50)
        tiff += u32(0)  // no next IFD
        tiff += u32(72) + u32(1)
        return Array("Exif".utf8) + [0, 0] + tiff
    }

    private func assertLayout(_ image: Image, _ layout: [String], _ message: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(image.height, layout.count * 8, message, file: file, line: line)
        XCTAssertEqual(image.width, layout[0].count * 8, message, file: file, line: line)
        guard image.height == layout.count * 8, image.width == layout[0].count * 8 else { return }
        for (row, blocks) in layout.enumerated() {
            for (column, block) in blocks.enumerated() {
                let sample = pixel(image, column * 8 + 4, row * 8 + 4)
                let want = Int(levels[block] ?? 0)
                XCTAssertLessThanOrEqual(abs(Int(sample[0]) - want), 3,
                                         "\(message): block \(block) at (\(column), \(row)) is \(sample[0])",
                                         file: file, line: line)
                XCTAssertEqual(sample[0], sample[1], file: file, line: line)
            }
        }
    }

    func testAllEightOrientationsInBothByteOrders() throws {
        let jpeg = try storedImage().jpegData(quality: 100)
        assertLayout(try Image(data: jpeg), expectedLayouts[1] ?? [], "no EXIF")
        for orientation in 1...8 {
            for bigEndian in [false, true] {
                let payload = exifPayload(orientation: orientation, bigEndian: bigEndian)
                // Both placements seen in practice: Exif first, or after the JFIF APP0.
                for after: UInt8 in [0xD8, 0xE0] {
                    let tagged = JPEGSegments.inserting(payload, marker: 0xE1, after: after, into: jpeg)
                    XCTAssertEqual(ExifOrientation(jpeg: tagged)?.rawValue, orientation)
                    assertLayout(try Image(data: tagged), expectedLayouts[orientation] ?? [],
                                 "orientation \(orientation) \(bigEndian ? "MM" : "II") after \(after)")
                }
            }
        }
    }

    func testOrientationAppliesToRGBPixelsExactly() throws {
        // 3x2 RGB image with distinct pixels; applying() is exact, so check every pixel of orientation 6.
        let stored = try Image(width: 3, height: 2, channels: 3, pixels: (0..<18).map { UInt8($0) })
        let rotated = stored.applying(.rightTop)
        XCTAssertEqual(rotated.width, 2)
        XCTAssertEqual(rotated.height, 3)
        // Display (dx, dy) shows stored (dy, height - 1 - dx): rows are "D A", "E B", "F C" in pixel terms.
        XCTAssertEqual(pixel(rotated, 0, 0), pixel(stored, 0, 1))
        XCTAssertEqual(pixel(rotated, 1, 0), pixel(stored, 0, 0))
        XCTAssertEqual(pixel(rotated, 0, 2), pixel(stored, 2, 1))
        XCTAssertEqual(pixel(rotated, 1, 2), pixel(stored, 2, 0))
        // Each orientation composed with its inverse is the identity.
        let inverse: [ExifOrientation: ExifOrientation] = [
            .topLeft: .topLeft, .topRight: .topRight, .bottomRight: .bottomRight, .bottomLeft: .bottomLeft,
            .leftTop: .leftTop, .rightTop: .leftBottom, .rightBottom: .rightBottom, .leftBottom: .rightTop,
        ]
        for orientation in ExifOrientation.allCases {
            XCTAssertEqual(stored.applying(orientation).applying(inverse[orientation] ?? .topLeft), stored,
                           "\(orientation)")
        }
    }

    func testLongTypedOrientationIsAccepted() throws {
        let jpeg = try storedImage().jpegData(quality: 100)
        let tagged = JPEGSegments.inserting(exifPayload(orientation: 8, bigEndian: true, type: 4), marker: 0xE1,
                                            after: 0xD8, into: jpeg)
        assertLayout(try Image(data: tagged), expectedLayouts[8] ?? [], "LONG orientation")
    }

    /// A malformed EXIF block is ignored (orientation 1); it never makes a good image undecodable or traps.
    func testMalformedExifIsIgnored() throws {
        let jpeg = try storedImage().jpegData(quality: 100)
        let good = exifPayload(orientation: 6, bigEndian: false)
        // (payload, expected orientation): a truncation that still holds the orientation entry up to its SHORT value
        // ("Exif\0\0" 6 + TIFF header 8 + count 2 + first entry 12 + tag, type, count 8 + value 2 = 38 bytes) keeps
        // it; anything shorter is ignored.
        var variants: [([UInt8], Int)] = []
        for length in 0..<good.count { variants.append((Array(good[..<length]), length >= 38 ? 6 : 1)) }
        var badOffset = good
        badOffset.replaceSubrange(10..<14, with: [0xFF, 0xFF, 0xFF, 0x7F])  // IFD0 offset far outside
        variants.append((badOffset, 1))
        var badMagic = good
        badMagic[8] = 43
        variants.append((badMagic, 1))
        var badByteOrder = good
        badByteOrder[6] = 0x4D  // "MI"
        variants.append((badByteOrder, 1))
        for orientation in [0, 9, 0xFFFF] { variants.append((exifPayload(orientation: orientation, bigEndian: false), 1)) }
        var hugeCount = good
        hugeCount.replaceSubrange(14..<16, with: [0xFF, 0xFF])  // 65535 entries announced, 3 present
        variants.append((hugeCount, 6))  // the orientation entry precedes the missing ones
        var notExif = good
        notExif[0] = UInt8(ascii: "e")
        variants.append((notExif, 1))
        for (index, (payload, orientation)) in variants.enumerated() {
            let tagged = JPEGSegments.inserting(payload, marker: 0xE1, after: 0xD8, into: jpeg)
            assertLayout(try Image(data: tagged), expectedLayouts[orientation] ?? [], "variant \(index)")
        }
    }

    func testOrientationParserReadsOnlyTheHeaderSegments() {
        XCTAssertNil(ExifOrientation(jpeg: []))
        XCTAssertNil(ExifOrientation(jpeg: [0xFF, 0xD8, 0xFF]))
        XCTAssertNil(ExifOrientation(jpeg: [0xFF, 0xD8, 0xFF, 0xE1, 0x00]))
        // A segment length running past the end stops the walk.
        XCTAssertNil(ExifOrientation(jpeg: [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x45, 0x78]))
        // An Exif block after SOS is scan data, not metadata.
        let afterScan: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02] + [0xFF, 0xE1, 0x00, 0x08] + Array("Exif".utf8)
            + [0, 0]
        XCTAssertNil(ExifOrientation(jpeg: afterScan))
        XCTAssertEqual(ExifOrientation(tiff: ArraySlice(Array(exifPayload(orientation: 7, bigEndian: true)[6...]))),
                       .rightBottom)
    }
}
