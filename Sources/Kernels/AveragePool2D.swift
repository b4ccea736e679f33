extension Pool2D {
    /// Average pooling over each window. Padding cells are excluded from the count (TF SAME semantics);
    /// a window lying entirely in the padding yields 0.
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, C]`.
    ///   - output: NHWC `[N, OH, OW, C]`; must not overlap `input`.
    ///   - geometry: must have passed `validate()`.
    public static func average(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry) {
        let c = g.channels
        reduceWindows(input: input, output: output, geometry: g, initial: 0, combine: { $0 + $1 }) { cell, cellCount in
            guard cellCount > 0 else { return }
            let reciprocal = 1 / Float(cellCount)
            for channel in 0..<c { cell[channel] *= reciprocal }
        }
    }
}
