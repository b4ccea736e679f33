/// Coordinates beyond this magnitude are clamped before conversion to Int (far outside any image).
private let coordinateBound = 1e9

/// `value` clamped into ±coordinateBound; nil for NaN.
private func clampedCoordinate(_ value: Double) -> Double? {
    value.isNaN ? nil : min(max(value, -coordinateBound), coordinateBound)
}

extension Image {
    /// Draws the outline of the axis-aligned rectangle with corners (x, y) and (x + width, y + height), rounded to
    /// whole pixels; the outline is `thickness` pixels wide and lies inside the rectangle. Negative sizes extend
    /// left/up. Clipped to the image; a NaN argument or a thickness below 1 draws nothing; infinities are clamped.
    public mutating func drawRectangle(x: Double, y: Double, width: Double, height: Double, color: Color,
                                       thickness: Int = 2) {
        guard thickness >= 1, let x = clampedCoordinate(x), let y = clampedCoordinate(y),
              let w = clampedCoordinate(width), let h = clampedCoordinate(height) else { return }
        let left = Int(min(x, x + w).rounded()), right = Int(max(x, x + w).rounded())
        let top = Int(min(y, y + h).rounded()), bottom = Int(max(y, y + h).rounded())
        guard right > left, bottom > top else { return }
        let band = min(thickness, right - left, bottom - top)
        fillClippedRectangle(left: left, top: top, right: right, bottom: top + band, color: color)
        fillClippedRectangle(left: left, top: bottom - band, right: right, bottom: bottom, color: color)
        fillClippedRectangle(left: left, top: top, right: left + band, bottom: bottom, color: color)
        fillClippedRectangle(left: right - band, top: top, right: right, bottom: bottom, color: color)
    }

    /// Draws a straight line between two points (pixel centers at whole coordinates) with a square pen `thickness`
    /// pixels wide. The segment is clipped to the image before it is walked, so far-away end points cost nothing.
    /// A NaN coordinate or a thickness below 1 draws nothing; infinities are clamped.
    public mutating func drawLine(from start: (Double, Double), to end: (Double, Double), color: Color,
                                  thickness: Int = 1) {
        guard thickness >= 1, let x0 = clampedCoordinate(start.0), let y0 = clampedCoordinate(start.1),
              let x1 = clampedCoordinate(end.0), let y1 = clampedCoordinate(end.1) else { return }
        let pen = min(thickness, 2 * max(width, height) + 2)
        let margin = Double(pen) + 1
        guard let clipped = clipSegment(x0, y0, x1, y1, minX: -margin, minY: -margin,
                                        maxX: Double(width) + margin, maxY: Double(height) + margin) else { return }
        let dx = clipped.x1 - clipped.x0, dy = clipped.y1 - clipped.y0
        let steps = Int(max(abs(dx), abs(dy)).rounded(.up))
        let before = (pen - 1) / 2, after = pen / 2
        for step in 0...steps {
            let t = steps == 0 ? 0 : Double(step) / Double(steps)
            let px = Int((clipped.x0 + dx * t).rounded()), py = Int((clipped.y0 + dy * t).rounded())
            fillClippedRectangle(left: px - before, top: py - before, right: px + after + 1, bottom: py + after + 1,
                                 color: color)
        }
    }

    /// Draws a filled disc: every pixel whose center (whole coordinates) lies within `radius` of (x, y); a radius
    /// below 0.5 still marks the nearest pixel. Clipped; NaN coordinates or radius draw nothing.
    public mutating func drawPoint(x: Double, y: Double, radius: Double = 2, color: Color) {
        guard let cx = clampedCoordinate(x), let cy = clampedCoordinate(y), let r = clampedCoordinate(radius) else {
            return
        }
        let reach = max(r, 0.5)
        let firstRow = max(Int((cy - reach).rounded(.up)), 0)
        let lastRow = min(Int((cy + reach).rounded(.down)), height - 1)
        guard firstRow <= lastRow else { return }
        for row in firstRow...lastRow {
            let offset = Double(row) - cy
            let halfSpan = (reach * reach - offset * offset).squareRoot()
            guard !halfSpan.isNaN else { continue }
            let left = Int((cx - halfSpan).rounded(.up)), right = Int((cx + halfSpan).rounded(.down))
            fillClippedRectangle(left: left, top: row, right: right + 1, bottom: row + 1, color: color)
        }
    }

    /// Sets every pixel in columns left..<right and rows top..<bottom that lies inside the image. Gray images get
    /// the color's luma, RGBA images an opaque color.
    mutating func fillClippedRectangle(left: Int, top: Int, right: Int, bottom: Int, color: Color) {
        let x0 = max(left, 0), x1 = min(right, width)
        let y0 = max(top, 0), y1 = min(bottom, height)
        guard x0 < x1, y0 < y1 else { return }
        let imageWidth = width, c = channels
        let value: (UInt8, UInt8, UInt8, UInt8) = c == 1 ? (color.luma, 0, 0, 0) : (color.r, color.g, color.b, 255)
        pixels.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for row in y0..<y1 {
                var pixel = base + (row * imageWidth + x0) * c
                for _ in x0..<x1 {
                    switch c {
                    case 1:
                        pixel[0] = value.0
                    case 3:
                        pixel[0] = value.0; pixel[1] = value.1; pixel[2] = value.2
                    default:
                        pixel[0] = value.0; pixel[1] = value.1; pixel[2] = value.2; pixel[3] = value.3
                    }
                    pixel += c
                }
            }
        }
    }
}

/// Liang-Barsky clipping of a segment to a rectangle; nil when nothing of it is inside.
private func clipSegment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, minX: Double, minY: Double,
                         maxX: Double, maxY: Double) -> (x0: Double, y0: Double, x1: Double, y1: Double)? {
    let dx = x1 - x0, dy = y1 - y0
    var enter = 0.0, leave = 1.0
    for (p, q) in [(-dx, x0 - minX), (dx, maxX - x0), (-dy, y0 - minY), (dy, maxY - y0)] {
        if p == 0 {
            if q < 0 { return nil }
        } else {
            let t = q / p
            if p < 0 {
                enter = max(enter, t)
            } else {
                leave = min(leave, t)
            }
        }
    }
    guard enter <= leave else { return nil }
    return (x0 + dx * enter, y0 + dy * enter, x0 + dx * leave, y0 + dy * leave)
}
