/// A max pool with non-overlapping VALID windows (stride == window), applied by ``Conv2DKernel`` to its output
/// rows while they are still in cache, so the full-size convolution output is never written to memory.
///
/// Each window takes the maximum in window order starting from `-Float.greatestFiniteMagnitude`, exactly as
/// ``Pool2D/max(input:output:geometry:)`` does, so fused and separate pooling give identical bits.
public struct FusedMaxPool: Sendable, Hashable {
    /// Window (and stride) along H.
    public let windowHeight: Int
    /// Window (and stride) along W.
    public let windowWidth: Int

    /// Creates the pool; both sizes must be at least 1.
    public init(windowHeight: Int, windowWidth: Int) {
        precondition(windowHeight >= 1 && windowWidth >= 1, "FusedMaxPool: window sizes must be at least 1")
        self.windowHeight = windowHeight
        self.windowWidth = windowWidth
    }

    /// Pooled rows for a convolution output of `height` rows (trailing rows outside a window are dropped).
    public func outputHeight(_ height: Int) -> Int { height / windowHeight }
    /// Pooled columns for a convolution output of `width` columns.
    public func outputWidth(_ width: Int) -> Int { width / windowWidth }

    /// Pools one band of `windowHeight` convolution rows into one pooled row.
    ///
    /// - Parameters:
    ///   - band: `windowHeight * convolutionWidth` pixels of `channels` values each, `pixelStride` floats apart.
    ///   - convolutionWidth: pixels per convolution row.
    ///   - output: the pooled row: `outputWidth(convolutionWidth)` pixels, `outputPixelStride` floats apart.
    @inline(__always)
    func poolBand(_ band: UnsafePointer<Float>, pixelStride: Int, channels: Int, convolutionWidth: Int,
                  into output: UnsafeMutablePointer<Float>, outputPixelStride: Int) {
        Pool2D.maxPoolRow(band, pixelStride: pixelStride, rowStride: convolutionWidth &* pixelStride, channels: channels,
                          windowHeight: windowHeight, windowWidth: windowWidth, strideWidth: windowWidth,
                          outputWidth: outputWidth(convolutionWidth), into: output, outputPixelStride: outputPixelStride)
    }
}
