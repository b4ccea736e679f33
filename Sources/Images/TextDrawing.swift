extension Image {
    /// Draws `text` with the built-in 5x8 bitmap font (printable ASCII; anything else shows as '?'), each font
    /// pixel a `scale` x `scale` square. (x, y) is the top-left corner of the first glyph; glyphs advance 6 * scale
    /// pixels and "\n" starts a new line 9 * scale pixels lower. Clipped to the image; scale below 1 draws nothing.
    public mutating func drawText(_ text: String, x: Int, y: Int, color: Color, scale: Int = 1) {
        guard scale >= 1 else { return }
        let scale = min(scale, max(width, height) + 1)
        let bound = 1 << 40
        let originX = min(max(x, -bound), bound)
        var lineY = min(max(y, -bound), bound)
        var glyphX = originX
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                lineY += BitmapFont.lineHeight * scale
                glyphX = originX
                continue
            }
            defer { glyphX += BitmapFont.advance * scale }
            if lineY >= height || glyphX >= width { continue }
            if glyphX + BitmapFont.glyphWidth * scale <= 0 || lineY + BitmapFont.glyphHeight * scale <= 0 { continue }
            for (column, bits) in BitmapFont.columns(for: scalar).enumerated() where bits != 0 {
                for row in 0..<BitmapFont.glyphHeight where bits & (1 << row) != 0 {
                    let left = glyphX + column * scale, top = lineY + row * scale
                    fillClippedRectangle(left: left, top: top, right: left + scale, bottom: top + scale, color: color)
                }
            }
        }
    }
}
