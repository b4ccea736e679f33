extension Pool2D {
    /// Max pooling over each window; padding cells are skipped (a window lying entirely in the padding
    /// yields `-Float.greatestFiniteMagnitude`, TensorFlow's initial value).
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, C]`.
    ///   - output: NHWC `[N, OH, OW, C]`; must not overlap `input`.
    ///   - geometry: must have passed `validate()`.
    public static func max(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry) {
        reduceWindows(input: input, output: output, geometry: g, initial: -Float.greatestFiniteMagnitude,
                      combine: { current, x in x > current ? x : current }, finish: { _, _ in })
    }
}
