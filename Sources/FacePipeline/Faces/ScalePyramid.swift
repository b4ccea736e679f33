import Foundation

/// The image pyramid of the `mtcnn` 1.0.0 package (`build_scale_pyramid` and `scale_images`).
enum ScalePyramid {
    /// The scales for an image: `count = round(-(log(minSide / minimumSize) / log(factor) + 1))` levels
    /// (rounding half to even, as numpy does), the first `minimumSize / minFaceSize`, each next one `factor`
    /// times the previous. Empty when the shorter side is below about 20 pixels with the defaults.
    static func scales(width: Int, height: Int, minFaceSize: Double, minimumSize: Double, factor: Double) -> [Double] {
        let shorter = Double(min(width, height))
        let count = (-((log(shorter / minimumSize) / log(factor)) + 1)).rounded(.toNearestOrEven)
        guard count.isFinite, count >= 1 else { return [] }
        let first = minimumSize / minFaceSize
        // More levels than this cannot matter: the image is then far below one pixel.
        let levels = Int(min(count, 100_000))
        return (0..<levels).map { first * pow(factor, Double($0)) }
    }

    /// The size of a level: `shape * scale` truncated to integers, as the package's float size becomes int32.
    /// Nil when a side would not be finite or is beyond `limit` pixels in total.
    static func levelSize(width: Int, height: Int, scale: Double, limit: Int) -> (width: Int, height: Int)? {
        let w = Double(width) * scale, h = Double(height) * scale
        guard w.isFinite, h.isFinite, w >= 0, h >= 0, w * h <= Double(limit), w <= Double(limit), h <= Double(limit) else {
            return nil
        }
        return (Int(w), Int(h))
    }
}
