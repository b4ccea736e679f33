/// Winograd F(3x3, 3x3): 3x3 output tiles from 5x5 input tiles (interpolation points 0, ±1, 2, ∞), 25
/// GEMMs, 3.24x fewer multiplies than im2col and 1.44x fewer than F(2x2). Its transforms scale by 2 and 3 only,
/// so it rounds almost like F(2x2): 3.4-4.9e-7 of a layer's largest output on the seed model's 64-channel
/// layers (F(2x2) 3.0-4.2e-7, F(4x4) 9.4e-7-1.1e-6).
enum WinogradF3x3: WinogradTransform {
    static var outputTile: Int { 3 }
    static var inputTile: Int { 5 }
    static var blockFloatBudget: Int { 128 * 1024 }
    static var tileGranule: Int { 4 }
    static var laneWidth: Int { 4 }

    /// `G` (5x3), rows for the points 0, 1, -1, 2, ∞.
    private static let g: [(Double, Double, Double)] = [
        (1.0 / 2, 0, 0),
        (-1.0 / 2, -1.0 / 2, -1.0 / 2),
        (-1.0 / 6, 1.0 / 6, -1.0 / 6),
        (1.0 / 6, 1.0 / 3, 2.0 / 3),
        (0, 0, 1),
    ]

    /// Writes `U[ξ][ic][oc] = (G g Gᵀ)[ξ]` for the HWIO `filter` (computed in Double, rounded once).
    static func transformFilter(_ filter: UnsafePointer<Float>, geometry: Conv2DGeometry, into u: UnsafeMutablePointer<Float>) {
        transformFilter(filter, geometry: geometry, g: g, into: u)
    }

    /// `Bᵀ x` for one column (or row) `x` of a 5x5 tile; rows of Bᵀ: [2,-1,-2,1,0], [0,-2,-1,1,0], [0,2,-3,1,0],
    /// [0,-1,0,1,0], [0,2,-1,-2,1].
    @inline(__always)
    private static func inputLine<L: WinogradLane>(_ d0: L, _ d1: L, _ d2: L, _ d3: L, _ d4: L) -> (L, L, L, L, L) {
        let a = d3 - d1
        return ((d0 - d2) * 2 + a, a - d1 - d2, a + (d1 - d2) * 3, a, (d4 - d2) - a * 2)
    }

    /// `Aᵀ x` for one column (or row) `x` of a 5x5 tile; rows of Aᵀ: [1,1,1,1,0], [0,1,-1,2,0], [0,1,1,4,1].
    @inline(__always)
    private static func outputLine<L: WinogradLane>(_ m0: L, _ m1: L, _ m2: L, _ m3: L, _ m4: L) -> (L, L, L) {
        let p = m1 + m2, q = m1 - m2
        return (m0 + p + m3, q + m3 * 2, p + m3 * 4 + m4)
    }

    /// `V = Bᵀ d B` for one lane of channels (see ``WinogradTransform``).
    @inline(__always)
    static func transformInput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ rowStride: Int,
                                                _ columnStride: Int, _ destination: UnsafeMutablePointer<Float>,
                                                _ planeStride: Int) {
        @inline(__always) func d(_ r: Int, _ c: Int) -> L { L.load(source + r * rowStride + c * columnStride) }
        // t = d B along each row, then V = Bᵀ t along each column.
        let t0 = inputLine(d(0, 0), d(0, 1), d(0, 2), d(0, 3), d(0, 4))
        let t1 = inputLine(d(1, 0), d(1, 1), d(1, 2), d(1, 3), d(1, 4))
        let t2 = inputLine(d(2, 0), d(2, 1), d(2, 2), d(2, 3), d(2, 4))
        let t3 = inputLine(d(3, 0), d(3, 1), d(3, 2), d(3, 3), d(3, 4))
        let t4 = inputLine(d(4, 0), d(4, 1), d(4, 2), d(4, 3), d(4, 4))
        @inline(__always) func store(_ column: Int, _ v: (L, L, L, L, L)) {
            let base = destination + column * planeStride
            v.0.store(base)
            v.1.store(base + 5 * planeStride)
            v.2.store(base + 10 * planeStride)
            v.3.store(base + 15 * planeStride)
            v.4.store(base + 20 * planeStride)
        }
        store(0, inputLine(t0.0, t1.0, t2.0, t3.0, t4.0))
        store(1, inputLine(t0.1, t1.1, t2.1, t3.1, t4.1))
        store(2, inputLine(t0.2, t1.2, t2.2, t3.2, t4.2))
        store(3, inputLine(t0.3, t1.3, t2.3, t3.3, t4.3))
        store(4, inputLine(t0.4, t1.4, t2.4, t3.4, t4.4))
    }

    /// `Y = Aᵀ M A` (+ bias, piecewise-linear activation) for one lane of channels (see ``WinogradTransform``).
    @inline(__always)
    static func transformOutput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ planeStride: Int,
                                                 _ bias: UnsafePointer<Float>?, _ activation: Activation,
                                                 _ destination: UnsafeMutablePointer<Float>, _ rowStride: Int,
                                                 _ columnStride: Int, rows: Int, columns: Int) {
        @inline(__always) func m(_ r: Int, _ c: Int) -> L { L.load(source + (r * 5 + c) * planeStride) }
        // s = M A along each row (3 values per row), then Y = Aᵀ s along each of the 3 columns.
        let s0 = outputLine(m(0, 0), m(0, 1), m(0, 2), m(0, 3), m(0, 4))
        let s1 = outputLine(m(1, 0), m(1, 1), m(1, 2), m(1, 3), m(1, 4))
        let s2 = outputLine(m(2, 0), m(2, 1), m(2, 2), m(2, 3), m(2, 4))
        let s3 = outputLine(m(3, 0), m(3, 1), m(3, 2), m(3, 3), m(3, 4))
        let s4 = outputLine(m(4, 0), m(4, 1), m(4, 2), m(4, 3), m(4, 4))
        let b = bias.map { L.load($0) } ?? .zero
        @inline(__always) func store(_ column: Int, _ y: (L, L, L)) {
            guard column < columns else { return }
            let base = destination + column * columnStride
            finish(y.0, b, activation).store(base)
            if rows > 1 { finish(y.1, b, activation).store(base + rowStride) }
            if rows > 2 { finish(y.2, b, activation).store(base + 2 * rowStride) }
        }
        store(0, outputLine(s0.0, s1.0, s2.0, s3.0, s4.0))
        store(1, outputLine(s0.1, s1.1, s2.1, s3.1, s4.1))
        store(2, outputLine(s0.2, s1.2, s2.2, s3.2, s4.2))
    }
}
