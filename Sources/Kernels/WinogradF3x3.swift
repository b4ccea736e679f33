import CKernelsAVX2

/// Winograd F(3x3, 3x3): 3x3 output tiles from 5x5 input tiles (interpolation points 0, ±1, 2, ∞), 25
/// GEMMs, 3.24x fewer multiplies than im2col and 1.44x fewer than F(2x2). Its transforms scale by 2 and 3 only,
/// so it rounds almost like F(2x2): 3.4-4.9e-7 of a layer's largest output on 64-channel layers (F(2x2)
/// 3.0-4.2e-7, F(4x4) 9.4e-7-1.1e-6).
enum WinogradF3x3: WinogradTransform {
    static var outputTile: Int { 3 }
    static var inputTile: Int { 5 }
    static var blockFloatBudget: Int { 128 * 1024 }
    static var tileGranule: Int { 4 }
    static var laneWidth: Int { 4 }
    static var avx2Transforms: (input: AVX2InputTransform, output: AVX2OutputTransform)? {
        (landmark_f3x3_input8, landmark_f3x3_output8)
    }

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
        // t = d B along each row into a stack buffer, then V = Bᵀ t along each column (two passes through L1,
        // as in F(4x4): fewer values live than the fused form's 25).
        withUnsafeTemporaryAllocation(of: L.self, capacity: 25) { t in
            let t = t.baseAddress!
            for r in 0..<5 {
                let row = source + r * rowStride
                @inline(__always) func d(_ c: Int) -> L { L.load(row + c * columnStride) }
                let line = inputLine(d(0), d(1), d(2), d(3), d(4))
                t[r] = line.0
                t[5 + r] = line.1
                t[10 + r] = line.2
                t[15 + r] = line.3
                t[20 + r] = line.4
            }
            for c in 0..<5 {
                let column = t + 5 * c
                let v = inputLine(column[0], column[1], column[2], column[3], column[4])
                let base = destination + c * planeStride
                v.0.store(base)
                v.1.store(base + 5 * planeStride)
                v.2.store(base + 10 * planeStride)
                v.3.store(base + 15 * planeStride)
                v.4.store(base + 20 * planeStride)
            }
        }
    }

    /// `Y = Aᵀ M A` (+ bias, piecewise-linear activation) for one lane of channels (see ``WinogradTransform``).
    @inline(__always)
    static func transformOutput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ planeStride: Int,
                                                 _ bias: UnsafePointer<Float>?, _ activation: Activation,
                                                 _ destination: UnsafeMutablePointer<Float>, _ rowStride: Int,
                                                 _ columnStride: Int, rows: Int, columns: Int) {
        // s = M A along each row (3 values per row) into a stack buffer, then Y = Aᵀ s along each of the 3 columns.
        let b = bias.map { L.load($0) } ?? .zero
        withUnsafeTemporaryAllocation(of: L.self, capacity: 15) { s in
            let s = s.baseAddress!
            for r in 0..<5 {
                let row = source + 5 * r * planeStride
                @inline(__always) func m(_ c: Int) -> L { L.load(row + c * planeStride) }
                let line = outputLine(m(0), m(1), m(2), m(3), m(4))
                s[r] = line.0
                s[5 + r] = line.1
                s[10 + r] = line.2
            }
            for c in 0..<columns {
                let column = s + 5 * c
                let y = outputLine(column[0], column[1], column[2], column[3], column[4])
                let base = destination + c * columnStride
                finish(y.0, b, activation).store(base)
                if rows > 1 { finish(y.1, b, activation).store(base + rowStride) }
                if rows > 2 { finish(y.2, b, activation).store(base + 2 * rowStride) }
            }
        }
    }
}
