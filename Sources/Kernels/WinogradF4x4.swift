/// Winograd F(4x4, 3x3): 4x4 output tiles from 6x6 input tiles (interpolation points 0, ±1, ±2, ∞), 36
/// GEMMs, 4x fewer multiplies than im2col and 1.8x fewer than F(2x2). Its transforms scale by 2, 4, 5 and 8,
/// so it rounds a little more than F(2x2): about 1e-6 of a layer's largest output on the seed model's
/// 32-64-channel layers, against 3e-7 for F(2x2) and 4e-7 for TensorFlow's own float32 convolution.
enum WinogradF4x4: WinogradTransform {
    static var outputTile: Int { 4 }
    static var inputTile: Int { 6 }
    static var blockFloatBudget: Int { 128 * 1024 }  // 512 KiB per worker, like F(2x2) (1 MiB blocks were 5% faster at 1 thread, not at 2, and cost 1 MB more resident memory)
    static var tileGranule: Int { 4 }
    /// 4: the 6x6 tile's 36 intermediate values spill far less as SIMD4 than as SIMD8 (two SSE registers each);
    /// F(4x4) layers were 9-11% faster.
    static var laneWidth: Int { 4 }

    /// `G` (6x3), rows for the points 0, 1, -1, 2, -2, ∞.
    private static let g: [(Double, Double, Double)] = [
        (1.0 / 4, 0, 0),
        (-1.0 / 6, -1.0 / 6, -1.0 / 6),
        (-1.0 / 6, 1.0 / 6, -1.0 / 6),
        (1.0 / 24, 1.0 / 12, 1.0 / 6),
        (1.0 / 24, -1.0 / 12, 1.0 / 6),
        (0, 0, 1),
    ]

    /// Writes `U[ξ][ic][oc] = (G g Gᵀ)[ξ]` for the HWIO `filter` (computed in Double, rounded once).
    static func transformFilter(_ filter: UnsafePointer<Float>, geometry: Conv2DGeometry, into u: UnsafeMutablePointer<Float>) {
        transformFilter(filter, geometry: geometry, g: g, into: u)
    }

    /// `Bᵀ x` for one column (or row) `x` of a 6x6 tile; rows of Bᵀ: [4,0,-5,0,1,0], [0,-4,-4,1,1,0],
    /// [0,4,-4,-1,1,0], [0,-2,-1,2,1,0], [0,2,-1,-2,1,0], [0,4,0,-5,0,1].
    @inline(__always)
    private static func inputLine<L: WinogradLane>(_ d0: L, _ d1: L, _ d2: L, _ d3: L, _ d4: L, _ d5: L)
        -> (L, L, L, L, L, L) {
        let a = d4 - d2 * 4, b = d3 - d1 * 4
        let c = d4 - d2, e = (d3 - d1) * 2
        return (d0 * 4 - d2 * 5 + d4, a + b, a - b, c + e, c - e, d1 * 4 - d3 * 5 + d5)
    }

    /// `Aᵀ x` for one column (or row) `x` of a 6x6 tile; rows of Aᵀ: [1,1,1,1,1,0], [0,1,-1,2,-2,0],
    /// [0,1,1,4,4,0], [0,1,-1,8,-8,1].
    @inline(__always)
    private static func outputLine<L: WinogradLane>(_ m0: L, _ m1: L, _ m2: L, _ m3: L, _ m4: L, _ m5: L) -> (L, L, L, L) {
        let a = m1 + m2, b = m1 - m2, c = m3 + m4, d = m3 - m4
        return (m0 + a + c, b + d * 2, a + c * 4, b + d * 8 + m5)
    }

    /// `V = Bᵀ d B` for one lane of channels (see ``WinogradTransform``).
    @inline(__always)
    static func transformInput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ rowStride: Int,
                                                _ columnStride: Int, _ destination: UnsafeMutablePointer<Float>,
                                                _ planeStride: Int) {
        @inline(__always) func d(_ r: Int, _ c: Int) -> L { L.load(source + r * rowStride + c * columnStride) }
        // t = d B along each row (t[r] = Bᵀ applied to row r), then V = Bᵀ t along each column.
        let t0 = inputLine(d(0, 0), d(0, 1), d(0, 2), d(0, 3), d(0, 4), d(0, 5))
        let t1 = inputLine(d(1, 0), d(1, 1), d(1, 2), d(1, 3), d(1, 4), d(1, 5))
        let t2 = inputLine(d(2, 0), d(2, 1), d(2, 2), d(2, 3), d(2, 4), d(2, 5))
        let t3 = inputLine(d(3, 0), d(3, 1), d(3, 2), d(3, 3), d(3, 4), d(3, 5))
        let t4 = inputLine(d(4, 0), d(4, 1), d(4, 2), d(4, 3), d(4, 4), d(4, 5))
        let t5 = inputLine(d(5, 0), d(5, 1), d(5, 2), d(5, 3), d(5, 4), d(5, 5))
        @inline(__always) func store(_ column: Int, _ v: (L, L, L, L, L, L)) {
            let base = destination + column * planeStride
            v.0.store(base)
            v.1.store(base + 6 * planeStride)
            v.2.store(base + 12 * planeStride)
            v.3.store(base + 18 * planeStride)
            v.4.store(base + 24 * planeStride)
            v.5.store(base + 30 * planeStride)
        }
        store(0, inputLine(t0.0, t1.0, t2.0, t3.0, t4.0, t5.0))
        store(1, inputLine(t0.1, t1.1, t2.1, t3.1, t4.1, t5.1))
        store(2, inputLine(t0.2, t1.2, t2.2, t3.2, t4.2, t5.2))
        store(3, inputLine(t0.3, t1.3, t2.3, t3.3, t4.3, t5.3))
        store(4, inputLine(t0.4, t1.4, t2.4, t3.4, t4.4, t5.4))
        store(5, inputLine(t0.5, t1.5, t2.5, t3.5, t4.5, t5.5))
    }

    /// `Y = Aᵀ M A` (+ bias, piecewise-linear activation) for one lane of channels (see ``WinogradTransform``).
    @inline(__always)
    static func transformOutput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ planeStride: Int,
                                                 _ bias: UnsafePointer<Float>?, _ activation: Activation,
                                                 _ destination: UnsafeMutablePointer<Float>, _ rowStride: Int,
                                                 _ columnStride: Int, rows: Int, columns: Int) {
        @inline(__always) func m(_ r: Int, _ c: Int) -> L { L.load(source + (r * 6 + c) * planeStride) }
        // s = M A along each row (4 values per row), then Y = Aᵀ s along each of the 4 columns.
        let s0 = outputLine(m(0, 0), m(0, 1), m(0, 2), m(0, 3), m(0, 4), m(0, 5))
        let s1 = outputLine(m(1, 0), m(1, 1), m(1, 2), m(1, 3), m(1, 4), m(1, 5))
        let s2 = outputLine(m(2, 0), m(2, 1), m(2, 2), m(2, 3), m(2, 4), m(2, 5))
        let s3 = outputLine(m(3, 0), m(3, 1), m(3, 2), m(3, 3), m(3, 4), m(3, 5))
        let s4 = outputLine(m(4, 0), m(4, 1), m(4, 2), m(4, 3), m(4, 4), m(4, 5))
        let s5 = outputLine(m(5, 0), m(5, 1), m(5, 2), m(5, 3), m(5, 4), m(5, 5))
        let b = bias.map { L.load($0) } ?? .zero
        @inline(__always) func store(_ column: Int, _ y: (L, L, L, L)) {
            guard column < columns else { return }
            let base = destination + column * columnStride
            finish(y.0, b, activation).store(base)
            if rows > 1 { finish(y.1, b, activation).store(base + rowStride) }
            if rows > 2 { finish(y.2, b, activation).store(base + 2 * rowStride) }
            if rows > 3 { finish(y.3, b, activation).store(base + 3 * rowStride) }
        }
        store(0, outputLine(s0.0, s1.0, s2.0, s3.0, s4.0, s5.0))
        store(1, outputLine(s0.1, s1.1, s2.1, s3.1, s4.1, s5.1))
        store(2, outputLine(s0.2, s1.2, s2.2, s3.2, s4.2, s5.2))
        store(3, outputLine(s0.3, s1.3, s2.3, s3.3, s4.3, s5.3))
    }
}
