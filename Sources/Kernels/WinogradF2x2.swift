/// Winograd F(2x2, 3x3): 2x2 output tiles from 4x4 input tiles, 16 GEMMs, 2.25x fewer multiplies than
/// im2col. Its transforms only add and subtract (G's ½ is applied to the filter once, in Double), so its
/// rounding is as close to exact as im2col's.
enum WinogradF2x2: WinogradTransform {
    static var outputTile: Int { 2 }
    static var inputTile: Int { 4 }
    static var blockFloatBudget: Int { 128 * 1024 }  // 512 KiB, about one L2
    static var tileGranule: Int { 4 }  // 196 tiles in 4 blocks: 52, 52, 52, 40 (16 gave 64, 64, 64, 4)
    static var laneWidth: Int { 8 }

    /// Writes `U[ξ][ic][oc] = (G g Gᵀ)[ξ]` for the HWIO `filter` (computed in Double, rounded once).
    static func transformFilter(_ filter: UnsafePointer<Float>, geometry g: Conv2DGeometry, into u: UnsafeMutablePointer<Float>) {
        let ic = g.inputChannels
        let oc = g.outputChannels
        let plane = ic * oc
        for i in 0..<ic {
            for o in 0..<oc {
                func w(_ r: Int, _ c: Int) -> Double { Double(filter[((r * 3 + c) * ic + i) * oc + o]) }
                // t = G w (4x3), rows of G: [1,0,0], [½,½,½], [½,-½,½], [0,0,1]; then U = t Gᵀ (4x4).
                for r in 0..<4 {
                    // Row r of t, then the same combination along its columns.
                    func t(_ c: Int) -> Double {
                        switch r {
                        case 0: return w(0, c)
                        case 1: return 0.5 * (w(0, c) + w(1, c) + w(2, c))
                        case 2: return 0.5 * (w(0, c) - w(1, c) + w(2, c))
                        default: return w(2, c)
                        }
                    }
                    let row = (t(0), 0.5 * (t(0) + t(1) + t(2)), 0.5 * (t(0) - t(1) + t(2)), t(2))
                    u[(r * 4 + 0) * plane + i * oc + o] = Float(row.0)
                    u[(r * 4 + 1) * plane + i * oc + o] = Float(row.1)
                    u[(r * 4 + 2) * plane + i * oc + o] = Float(row.2)
                    u[(r * 4 + 3) * plane + i * oc + o] = Float(row.3)
                }
            }
        }
    }

    /// `V = Bᵀ d B` for one lane of channels (see ``WinogradTransform``).
    @inline(__always)
    static func transformInput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ rowStride: Int,
                                                _ columnStride: Int, _ destination: UnsafeMutablePointer<Float>,
                                                _ planeStride: Int) {
        let r0 = source, r1 = source + rowStride, r2 = source + 2 * rowStride, r3 = source + 3 * rowStride
        let c1 = columnStride, c2 = 2 * columnStride, c3 = 3 * columnStride
        // t = Bᵀ d, rows of Bᵀ: [1,0,-1,0], [0,1,1,0], [0,-1,1,0], [0,1,0,-1].
        let d20 = L.load(r2), d21 = L.load(r2 + c1), d22 = L.load(r2 + c2), d23 = L.load(r2 + c3)
        let d10 = L.load(r1), d11 = L.load(r1 + c1), d12 = L.load(r1 + c2), d13 = L.load(r1 + c3)
        let t00 = L.load(r0) - d20, t01 = L.load(r0 + c1) - d21, t02 = L.load(r0 + c2) - d22, t03 = L.load(r0 + c3) - d23
        let t10 = d10 + d20, t11 = d11 + d21, t12 = d12 + d22, t13 = d13 + d23
        let t20 = d20 - d10, t21 = d21 - d11, t22 = d22 - d12, t23 = d23 - d13
        let t30 = d10 - L.load(r3), t31 = d11 - L.load(r3 + c1), t32 = d12 - L.load(r3 + c2), t33 = d13 - L.load(r3 + c3)
        // V = t B (the same combination along columns).
        func row(_ a: L, _ b: L, _ c: L, _ d: L, _ index: Int) {
            let base = destination + 4 * index * planeStride
            (a - c).store(base)
            (b + c).store(base + planeStride)
            (c - b).store(base + 2 * planeStride)
            (b - d).store(base + 3 * planeStride)
        }
        row(t00, t01, t02, t03, 0)
        row(t10, t11, t12, t13, 1)
        row(t20, t21, t22, t23, 2)
        row(t30, t31, t32, t33, 3)
    }

    /// `Y = Aᵀ M A` (+ bias, piecewise-linear activation) for one lane of channels (see ``WinogradTransform``).
    @inline(__always)
    static func transformOutput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ planeStride: Int,
                                                 _ bias: UnsafePointer<Float>?, _ activation: Activation,
                                                 _ destination: UnsafeMutablePointer<Float>, _ rowStride: Int,
                                                 _ columnStride: Int, rows: Int, columns: Int) {
        func m(_ index: Int) -> L { L.load(source + index * planeStride) }
        // s = Aᵀ M, rows of Aᵀ: [1,1,1,0], [0,1,-1,-1].
        let m10 = m(4), m11 = m(5), m12 = m(6), m13 = m(7)
        let m20 = m(8), m21 = m(9), m22 = m(10), m23 = m(11)
        let s00 = m(0) + m10 + m20, s01 = m(1) + m11 + m21, s02 = m(2) + m12 + m22, s03 = m(3) + m13 + m23
        let s10 = m10 - m20 - m(12), s11 = m11 - m21 - m(13), s12 = m12 - m22 - m(14), s13 = m13 - m23 - m(15)
        let b = bias.map { L.load($0) } ?? .zero
        finish(s00 + s01 + s02, b, activation).store(destination)
        if columns > 1 { finish(s01 - s02 - s03, b, activation).store(destination + columnStride) }
        if rows > 1 {
            finish(s10 + s11 + s12, b, activation).store(destination + rowStride)
            if columns > 1 { finish(s11 - s12 - s13, b, activation).store(destination + rowStride + columnStride) }
        }
    }
}
