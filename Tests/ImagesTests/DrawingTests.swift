import XCTest
import Images

final class DrawingTests: XCTestCase {
    private func blank(_ width: Int = 20, _ height: Int = 20, channels: Int = 3) throws -> Image {
        try Image(width: width, height: height, channels: channels,
                  pixels: [UInt8](repeating: 0, count: width * height * channels))
    }

    /// The set of (x, y) whose pixel is not black.
    private func painted(_ image: Image) -> Set<[Int]> {
        var result: Set<[Int]> = []
        for y in 0..<image.height {
            for x in 0..<image.width where pixel(image, x, y).contains(where: { $0 != 0 }) { result.insert([x, y]) }
        }
        return result
    }

    /// All (x, y) with x in xs and y in ys.
    private func cells(_ xs: Range<Int>, _ ys: Range<Int>) -> Set<[Int]> {
        Set(xs.flatMap { x in ys.map { y in [x, y] } })
    }

    func testRectangleOutlineLiesInsideTheBox() throws {
        var image = try blank()
        image.drawRectangle(x: 5, y: 4, width: 10, height: 8, color: .red, thickness: 2)
        let expected = cells(5..<15, 4..<12).subtracting(cells(7..<13, 6..<10))
        XCTAssertEqual(painted(image), expected)
        XCTAssertEqual(pixel(image, 5, 4), [255, 0, 0])
    }

    func testRectangleNegativeSizeAndThickFill() throws {
        var image = try blank()
        image.drawRectangle(x: 15, y: 12, width: -10, height: -8, color: .green, thickness: 1)
        XCTAssertEqual(painted(image), cells(5..<15, 4..<12).subtracting(cells(6..<14, 5..<11)))
        var filled = try blank()
        filled.drawRectangle(x: 2, y: 2, width: 4, height: 4, color: .white, thickness: 100)
        XCTAssertEqual(painted(filled), cells(2..<6, 2..<6))
    }

    func testRectangleIsClippedAtBorders() throws {
        var image = try blank()
        image.drawRectangle(x: 15, y: -3, width: 10, height: 10, color: .blue, thickness: 2)
        // Left band columns 15-16 for rows 0..<7, bottom band rows 5-6 for columns 15..<20; top and right are outside.
        XCTAssertEqual(painted(image), cells(15..<17, 0..<7).union(cells(15..<20, 5..<7)))
        var enclosing = try blank()
        enclosing.drawRectangle(x: -5, y: -5, width: 100, height: 100, color: .blue)
        XCTAssertTrue(painted(enclosing).isEmpty)
    }

    /// Every combination of hostile coordinates and thicknesses leaves the image well-formed (no trap).
    func testHostileArgumentsNeverTrap() throws {
        let values: [Double] = [.nan, .infinity, -.infinity, 1e300, -1e300, .greatestFiniteMagnitude, 0, 5, -3,
                                Double(Int.max), -0.0]
        var image = try blank(8, 6)
        for x in values {
            for y in values {
                for size in values {
                    for thickness in [Int.min, -1, 0, 1, 3, Int.max] {
                        image.drawRectangle(x: x, y: y, width: size, height: 7, color: .yellow, thickness: thickness)
                        image.drawRectangle(x: x, y: y, width: 4, height: size, color: .cyan, thickness: thickness)
                        image.drawLine(from: (x, y), to: (size, 3), color: .magenta, thickness: thickness)
                    }
                    image.drawPoint(x: x, y: y, radius: size, color: .white)
                }
                image.drawText("0.998", x: Int(clamping: Int64(exactly: x.isFinite ? min(max(x, -1e18), 1e18) : 0) ?? 0),
                               y: Int.min, color: .red, scale: Int.max)
            }
        }
        XCTAssertEqual(image.pixels.count, 8 * 6 * 3)
        var nanOnly = try blank()
        nanOnly.drawRectangle(x: .nan, y: 1, width: 5, height: 5, color: .red)
        nanOnly.drawLine(from: (1, .nan), to: (5, 5), color: .red)
        nanOnly.drawPoint(x: 3, y: 3, radius: .nan, color: .red)
        XCTAssertTrue(painted(nanOnly).isEmpty)
    }

    func testLines() throws {
        var diagonal = try blank(10, 10)
        diagonal.drawLine(from: (0, 0), to: (9, 9), color: .white)
        XCTAssertEqual(painted(diagonal), Set((0..<10).map { [$0, $0] }))

        // A line from far outside to far outside crosses the image; only the visible row is drawn, quickly.
        var horizontal = try blank()
        horizontal.drawLine(from: (-1e12, 5), to: (1e12, 5), color: .white)
        XCTAssertEqual(painted(horizontal), cells(0..<20, 5..<6))
        var huge = try blank()
        huge.drawLine(from: (-.infinity, -.infinity), to: (.infinity, .infinity), color: .white)
        XCTAssertEqual(painted(huge), Set((0..<20).map { [$0, $0] }))

        var thick = try blank()
        thick.drawLine(from: (2, 10), to: (17, 10), color: .white, thickness: 3)
        XCTAssertEqual(painted(thick), cells(1..<19, 9..<12))

        var outside = try blank()
        outside.drawLine(from: (-10, -10), to: (-10, 50), color: .white, thickness: 5)
        XCTAssertTrue(painted(outside).isEmpty)
    }

    func testPointIsAFilledDisc() throws {
        var image = try blank()
        image.drawPoint(x: 10, y: 10, radius: 2, color: .red)
        var expected: Set<[Int]> = []
        for dy in -2...2 { for dx in -2...2 where dx * dx + dy * dy <= 4 { expected.insert([10 + dx, 10 + dy]) } }
        XCTAssertEqual(painted(image), expected)
        XCTAssertEqual(expected.count, 13)

        var corner = try blank()
        corner.drawPoint(x: 0, y: 0, radius: 2, color: .red)
        XCTAssertEqual(painted(corner), [[0, 0], [1, 0], [2, 0], [0, 1], [1, 1], [0, 2]])

        var tiny = try blank()
        tiny.drawPoint(x: 4.2, y: 6.9, radius: 0, color: .red)
        XCTAssertEqual(painted(tiny), [[4, 7]])

        var everywhere = try blank(5, 4)
        everywhere.drawPoint(x: 2, y: 2, radius: .infinity, color: .red)
        XCTAssertEqual(painted(everywhere).count, 20)
    }

    func testTextGlyphsAndScale() throws {
        var dot = try blank()
        dot.drawText(".", x: 3, y: 2, color: .white)
        // '.' has columns 2 and 3 set in rows 5 and 6.
        XCTAssertEqual(painted(dot), [[5, 7], [6, 7], [5, 8], [6, 8]])

        var scaled = try blank()
        scaled.drawText(".", x: 0, y: 0, color: .white, scale: 2)
        XCTAssertEqual(painted(scaled), cells(4..<8, 10..<14))

        var score = try blank(40, 12)
        score.drawText("0.998", x: 1, y: 1, color: .green)
        let cellsOfScore = painted(score)
        XCTAssertFalse(cellsOfScore.isEmpty)
        XCTAssertTrue(cellsOfScore.allSatisfy { $0[0] >= 1 && $0[0] < 1 + 5 * 6 && $0[1] >= 1 && $0[1] < 9 })
        // Same digits render identically: the two '9' glyphs are translates of each other.
        let firstNine = Set(cellsOfScore.filter { $0[0] >= 13 && $0[0] < 18 }.map { [$0[0] - 13, $0[1]] })
        let secondNine = Set(cellsOfScore.filter { $0[0] >= 19 && $0[0] < 24 }.map { [$0[0] - 19, $0[1]] })
        XCTAssertEqual(firstNine, secondNine)
        XCTAssertFalse(firstNine.isEmpty)

        var twoLines = try blank(12, 20)
        twoLines.drawText("-\n-", x: 0, y: 0, color: .white)
        // '-' is row 3 of columns 0-4; the second line starts 9 rows lower.
        XCTAssertEqual(painted(twoLines), cells(0..<5, 3..<4).union(cells(0..<5, 12..<13)))
    }

    func testTextClippingAndUnknownCharacters() throws {
        var clipped = try blank(10, 10)
        clipped.drawText("8888", x: -3, y: -4, color: .white)
        XCTAssertTrue(painted(clipped).allSatisfy { $0[0] >= 0 && $0[1] >= 0 })
        XCTAssertFalse(painted(clipped).isEmpty)
        var unknown = try blank(10, 10)
        unknown.drawText("é", x: 0, y: 0, color: .white)
        var question = try blank(10, 10)
        question.drawText("?", x: 0, y: 0, color: .white)
        XCTAssertEqual(unknown, question)
        var nothing = try blank(10, 10)
        nothing.drawText("abc", x: 0, y: 0, color: .white, scale: 0)
        nothing.drawText("abc", x: Int.max, y: Int.max, color: .white)
        nothing.drawText("abc", x: Int.min, y: 0, color: .white, scale: Int.max)
        XCTAssertTrue(painted(nothing).isEmpty)
    }

    func testDrawingOnGrayAndRGBAImages() throws {
        var gray = try blank(4, 4, channels: 1)
        gray.drawPoint(x: 1, y: 1, radius: 0, color: .white)
        gray.drawPoint(x: 2, y: 2, radius: 0, color: .red)
        XCTAssertEqual(pixel(gray, 1, 1), [255])
        XCTAssertEqual(pixel(gray, 2, 2), [76])  // BT.601 luma of pure red
        var rgba = try blank(4, 4, channels: 4)
        rgba.drawPoint(x: 1, y: 1, radius: 0, color: .cyan)
        XCTAssertEqual(pixel(rgba, 1, 1), [0, 255, 255, 255])
        XCTAssertEqual(pixel(rgba, 2, 2), [0, 0, 0, 0])
    }
}
