/// How a P-Net pyramid level too large for one network run is cut into tiles whose outputs are exactly the
/// level's.
///
/// P-Net (3x3 valid convolution, 2x2 stride-2 max pool with TensorFlow's SAME padding, two more 3x3 valid
/// convolutions, 1x1 heads) gives output cell `i` from input pixels `2i ..< 2i + 12` along each axis, except
/// that where the level's last pooling window has one row (or column) of real input, the last cell sees 11. A
/// tile that starts at an even pixel and has an even size has no such window, so its cells are the level's
/// cells `origin / 2 ..< origin / 2 + size / 2 - 5` exactly; the last tile ends where the level does and
/// so reproduces the level's edge. Consecutive tiles overlap by 10 pixels and every cell is kept from one tile.
enum PNetTiling {
    /// One tile along an axis: input pixels `input`, and the output cells (level indices) taken from it.
    struct Span: Equatable {
        var input: Range<Int>
        var cells: Range<Int>
    }

    /// The tiles along an axis of `length` pixels (at least 12) for tiles of at most `tile` pixels (even, at
    /// least 24; the last tile may be one pixel longer, to start at an even pixel). One tile when the axis
    /// fits.
    static func spans(length: Int, tile: Int) -> [Span] {
        precondition(length >= 12 && tile >= 24 && tile % 2 == 0)
        let cells = cellCount(length)
        guard length > tile + 1 else { return [Span(input: 0..<length, cells: 0..<cells)] }
        var spans: [Span] = []
        var origin = 0
        let step = tile - 10
        while origin + tile < length {
            spans.append(Span(input: origin..<(origin + tile), cells: (origin / 2)..<(origin / 2 + tile / 2 - 5)))
            origin += step
        }
        // The last tile ends at the level's edge and starts at an even pixel, at most where the next one would.
        let last = (length - tile) & ~1
        let firstCell = spans.last.map { $0.cells.upperBound } ?? 0
        spans.append(Span(input: last..<length, cells: firstCell..<cells))
        return spans
    }

    /// P-Net's output cells along an axis of `length` input pixels: `ceil((length - 2) / 2) - 4`.
    static func cellCount(_ length: Int) -> Int {
        (length - 1) / 2 - 4
    }
}
