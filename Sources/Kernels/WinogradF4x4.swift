import CKernelsAVX2

/// Winograd F(4x4, 3x3): 4x4 output tiles from 6x6 input tiles (interpolation points 0, ±1, ±2, ∞), 36
/// GEMMs, 4x fewer multiplies than im2col and 1.8x fewer than F(2x2). Its transforms scale by 2, 4, 5 and 8,
/// so it rounds a little more than F(2x2): about 1e-6 of a layer's largest output on 32-64-channel layers,
/// against 3e-7 for F(2x2) and 4e-7 for TensorFlow's own float32 convolution.
enum WinogradF4x4: WinogradTransform {
    static var outputTile: Int { 4 }
    static var inputTile: Int { 6 }
    static var blockFloatBudget: Int { 128 * 1024 }  // 512 KiB per worker, like F(2x2)
    static var tileGranule: Int { 4 }
    /// 4: the 6x6 tile's 36 intermediate values spill far less as SIMD4 than as SIMD8 (two SSE registers each).
    static var laneWidth: Int { 4 }
    static var avx2Transforms: (input: AVX2InputTransform, output: AVX2OutputTransform)? {
        (landmark_f4x4_input8, landmark_f4x4_output8)
    }

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
        // t = d B along each row (t[r] = Bᵀ applied to row r) into a stack buffer, then V = Bᵀ t along each column:
        // two passes through L1 keep a dozen values live instead of the 36 the fused form spills.
        withUnsafeTemporaryAllocation(of: L.self, capacity: 36) { t in
            let t = t.baseAddress!
            for r in 0..<6 {
                let row = source + r * rowStride
                @inline(__always) func d(_ c: Int) -> L { L.load(row + c * columnStride) }
                let line = inputLine(d(0), d(1), d(2), d(3), d(4), d(5))
                t[r] = line.0
                t[6 + r] = line.1
                t[12 + r] = line.2
                t[18 + r] = line.3
                t[24 + r] = line.4
                t[30 + r] = line.5
            }
            for c in 0..<6 {
                let column = t + 6 * c
                let v = inputLine(column[0], column[1], column[2], column[3], column[4], column[5])
                let base = destination + c * planeStride
                v.0.store(base)
                v.1.store(base + 6 * planeStride)
                v.2.store(base + 12 * planeStride)
                v.3.store(base + 18 * planeStride)
                v.4.store(base + 24 * planeStride)
                v.5.store(base + 30 * planeStride)
            }
        }
    }

    /// `Y = Aᵀ M A` (+ bias, piecewise-linear activation) for one lane of channels (see ``WinogradTransform``).
    @inline(__always)
    static func transformOutput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ planeStride: Int,
                                                 _ bias: UnsafePointer<Float>?, _ activation: Activation,
                                                 _ destination: UnsafeMutablePointer<Float>, _ rowStride: Int,
                                                 _ columnStride: Int, rows: Int, columns: Int) {
        // s = M A along each row (4 values per row) into a stack buffer, then Y = Aᵀ s along each of the 4 columns.
        let b = bias.map { L.load($0) } ?? .zero
        withUnsafeTemporaryAllocation(of: L.self, capacity: 24) { s in
            let s = s.baseAddress!
            for r in 0..<6 {
                let row = source + 6 * r * planeStride
                @inline(__always) func m(_ c: Int) -> L { L.load(row + c * planeStride) }
                let line = outputLine(m(0), m(1), m(2), m(3), m(4), m(5))
                s[r] = line.0
                s[6 + r] = line.1
                s[12 + r] = line.2
                s[18 + r] = line.3
            }
            for c in 0..<columns {
                let column = s + 6 * c
                let y = outputLine(column[0], column[1], column[2], column[3], column[4], column[5])
                let base = destination + c * columnStride
                finish(y.0, b, activation).store(base)
                if rows > 1 { finish(y.1, b, activation).store(base + rowStride) }
                if rows > 2 { finish(y.2, b, activation).store(base + 2 * rowStride) }
                if rows > 3 { finish(y.3, b, activation).store(base + 3 * rowStride) }
            }
        }
    }
}
