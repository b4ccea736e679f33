import COpenBLAS

/// Winograd F(2x2, 3x3) for 3x3, stride-1, dilation-1 NHWC convolutions (Lavin & Gray 2015).
///
/// Each 2x2 output tile is computed from a 4x4 input tile as `Y = Aᵀ [U ⊙ (Bᵀ d B)] A` with `U = G g Gᵀ`,
/// so the 36 multiplies per output tile and channel pair of the direct method become 16: the convolution
/// turns into 16 independent GEMMs `M[ξ] = V[ξ] U[ξ]` of shape `[tiles, IC] x [IC, OC]`, 2.25x fewer flops
/// than im2col. The transforms only add and subtract (G's 1/2 is applied to the filter once, in Double), so
/// rounding stays close to the direct method's.
///
/// Tiles are processed in blocks of `blockTiles` (fixed by the geometry); per block a worker transforms the
/// input tiles into its scratch `V`, runs the 16 GEMMs into its scratch `M`, then transforms back, adding the
/// bias and applying the activation while writing the output.
struct WinogradF2x2 {
    /// The convolution shape (3x3, stride 1, dilation 1).
    let geometry: Conv2DGeometry
    /// Output tiles per image along H and W: `ceil(OH / 2)`, `ceil(OW / 2)`.
    let tilesHigh: Int
    let tilesWide: Int
    /// Tiles per block (GEMM rows).
    let blockTiles: Int
    /// Number of blocks (tasks).
    let blockCount: Int

    /// Whether the geometry is one this algorithm computes.
    static func isApplicable(_ g: Conv2DGeometry) -> Bool {
        g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideHeight == 1 && g.strideWidth == 1
            && g.dilationHeight == 1 && g.dilationWidth == 1
    }

    /// Floats of the transformed filter `U`: `16 * IC * OC`.
    static func transformedFilterCount(_ g: Conv2DGeometry) -> Int { 16 * g.inputChannels * g.outputChannels }

    /// Upper bound on the floats of `V` plus `M` of one block.
    static let blockFloatBudget = 128 * 1024
    /// Blocks are made small enough to give at least this many tasks, unless that makes them shorter than
    /// `minimumSplitTiles`.
    static let preferredTaskCount = 4
    static let minimumSplitTiles = 16

    init(geometry g: Conv2DGeometry) {
        geometry = g
        tilesHigh = (g.outputHeight + 1) / 2
        tilesWide = (g.outputWidth + 1) / 2
        let tiles = Swift.max(1, g.batch * tilesHigh * tilesWide)
        let perTile = 16 * Swift.max(1, g.inputChannels + g.outputChannels)
        var block = Swift.max(16, WinogradF2x2.blockFloatBudget / perTile / 16 * 16)
        let split = Swift.max(WinogradF2x2.minimumSplitTiles,
                              ((tiles + WinogradF2x2.preferredTaskCount - 1) / WinogradF2x2.preferredTaskCount + 15) / 16 * 16)
        block = Swift.min(block, split, tiles)
        blockTiles = block
        blockCount = (tiles + block - 1) / block
    }

    /// Total tiles, `N * tilesHigh * tilesWide`.
    var tileCount: Int { geometry.batch * tilesHigh * tilesWide }

    /// Floats between consecutive `V[ξ]` planes: one block's `blockTiles * IC` plus one cache line, so the 16
    /// planes a transform touches at once do not all map to the same L1 set (plane sizes are often multiples of 4 KiB).
    var vPlaneStride: Int { blockTiles * geometry.inputChannels + WinogradF2x2.planePadding }
    /// Floats between consecutive `M[ξ]` planes (padded like `vPlaneStride`).
    var mPlaneStride: Int { blockTiles * geometry.outputChannels + WinogradF2x2.planePadding }
    /// Padding after each plane, in floats (one 64-byte cache line).
    static let planePadding = 16

    /// Scratch floats one worker needs: `V` and `M` of one block plus one zero-padded 4x4 input patch.
    var scratchPerWorker: Int {
        16 * (vPlaneStride + mPlaneStride) + 16 * geometry.inputChannels
    }

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

    /// Computes block `block` of tiles: input transform, 16 GEMMs, output transform with bias and activation.
    func runBlock(_ block: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>, transformedFilter u: UnsafePointer<Float>,
                  bias: UnsafePointer<Float>?, activation: Activation) {
        let g = geometry
        let ic = g.inputChannels
        let oc = g.outputChannels
        let firstTile = block * blockTiles
        let count = Swift.min(blockTiles, tileCount - firstTile)
        let vPlane = vPlaneStride
        let mPlane = mPlaneStride
        let v = scratch
        let m = scratch + 16 * vPlane
        let patch = m + 16 * mPlane
        let tilesPerImage = tilesHigh * tilesWide

        // Input transform.
        for t in 0..<count {
            let tile = firstTile + t
            let n = tile / tilesPerImage
            let withinImage = tile - n * tilesPerImage
            let th = withinImage / tilesWide
            let tw = withinImage - th * tilesWide
            let ih0 = 2 * th - g.padTop
            let iw0 = 2 * tw - g.padLeft
            let image = input + n * g.inputHeight * g.inputWidth * ic
            var source: UnsafePointer<Float>
            var rowStride: Int
            if ih0 >= 0 && ih0 + 3 < g.inputHeight && iw0 >= 0 && iw0 + 3 < g.inputWidth {
                source = image + (ih0 * g.inputWidth + iw0) * ic
                rowStride = g.inputWidth * ic
            } else {
                patch.update(repeating: 0, count: 16 * ic)
                for r in 0..<4 {
                    let ih = ih0 + r
                    if ih < 0 || ih >= g.inputHeight { continue }
                    for c in 0..<4 {
                        let iw = iw0 + c
                        if iw < 0 || iw >= g.inputWidth { continue }
                        (patch + (r * 4 + c) * ic).update(from: image + (ih * g.inputWidth + iw) * ic, count: ic)
                    }
                }
                source = UnsafePointer(patch)
                rowStride = 4 * ic
            }
            let destination = v + t * ic
            var channel = 0
            while channel + 8 <= ic {
                Self.transformInput(SIMD8<Float>.self, source + channel, rowStride, ic, destination + channel, vPlane)
                channel += 8
            }
            while channel < ic {
                Self.transformInput(Float.self, source + channel, rowStride, ic, destination + channel, vPlane)
                channel += 1
            }
        }

        // 16 GEMMs: M[ξ] = V[ξ] U[ξ].
        // (Zeroing M here and accumulating with beta = 1 is faster than OpenBLAS's beta = 0 pass.)
        for xi in 0..<16 {
            (m + xi * mPlane).update(repeating: 0, count: count * oc)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(count), Int32(oc), Int32(ic),
                        1, v + xi * vPlane, Int32(ic), u + xi * ic * oc, Int32(oc),
                        1, m + xi * mPlane, Int32(oc))
        }

        // Output transform + bias + activation.
        let needsScalarActivation: Bool
        switch activation {
        case .none, .relu, .relu6, .leakyRelu: needsScalarActivation = false
        default: needsScalarActivation = true
        }
        for t in 0..<count {
            let tile = firstTile + t
            let n = tile / tilesPerImage
            let withinImage = tile - n * tilesPerImage
            let th = withinImage / tilesWide
            let tw = withinImage - th * tilesWide
            let oh0 = 2 * th
            let ow0 = 2 * tw
            let hasSecondRow = oh0 + 1 < g.outputHeight
            let hasSecondColumn = ow0 + 1 < g.outputWidth
            let destination = output + ((n * g.outputHeight + oh0) * g.outputWidth + ow0) * oc
            let rowStride = g.outputWidth * oc
            let source = UnsafePointer(m + t * oc)
            var channel = 0
            while channel + 8 <= oc {
                Self.transformOutput(SIMD8<Float>.self, source + channel, mPlane, bias.map { $0 + channel },
                                     activation, destination + channel, rowStride, oc, hasSecondRow, hasSecondColumn)
                channel += 8
            }
            while channel < oc {
                Self.transformOutput(Float.self, source + channel, mPlane, bias.map { $0 + channel },
                                     activation, destination + channel, rowStride, oc, hasSecondRow, hasSecondColumn)
                channel += 1
            }
            if needsScalarActivation {
                activation.apply(destination, count: oc)
                if hasSecondColumn { activation.apply(destination + oc, count: oc) }
                if hasSecondRow {
                    activation.apply(destination + rowStride, count: oc)
                    if hasSecondColumn { activation.apply(destination + rowStride + oc, count: oc) }
                }
            }
        }
    }

    /// `V = Bᵀ d B` for one lane of channels; `d[r][c]` is at `source + r*rowStride + c*columnStride`,
    /// `V[ξ]` goes to `destination + ξ*planeStride`.
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

    /// `Y = Aᵀ M A` (+ bias, piecewise-linear activation) for one lane of channels; `M[ξ]` is at
    /// `source + ξ*planeStride`; `Y[i][j]` goes to `destination + i*rowStride + j*columnStride` when inside the output.
    @inline(__always)
    static func transformOutput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ planeStride: Int,
                                                 _ bias: UnsafePointer<Float>?, _ activation: Activation,
                                                 _ destination: UnsafeMutablePointer<Float>, _ rowStride: Int,
                                                 _ columnStride: Int, _ hasSecondRow: Bool, _ hasSecondColumn: Bool) {
        func m(_ index: Int) -> L { L.load(source + index * planeStride) }
        // s = Aᵀ M, rows of Aᵀ: [1,1,1,0], [0,1,-1,-1].
        let m10 = m(4), m11 = m(5), m12 = m(6), m13 = m(7)
        let m20 = m(8), m21 = m(9), m22 = m(10), m23 = m(11)
        let s00 = m(0) + m10 + m20, s01 = m(1) + m11 + m21, s02 = m(2) + m12 + m22, s03 = m(3) + m13 + m23
        let s10 = m10 - m20 - m(12), s11 = m11 - m21 - m(13), s12 = m12 - m22 - m(14), s13 = m13 - m23 - m(15)
        let b = bias.map { L.load($0) } ?? .zero
        @inline(__always) func finish(_ y: L) -> L {
            let x = y + b
            switch activation {
            case .relu: return x.clampedBelowZero()
            case .relu6: return x.clampedToRelu6()
            case .leakyRelu(let alpha): return x.leaky(alpha)
            default: return x
            }
        }
        finish(s00 + s01 + s02).store(destination)
        if hasSecondColumn { finish(s01 - s02 - s03).store(destination + columnStride) }
        if hasSecondRow {
            finish(s10 + s11 + s12).store(destination + rowStride)
            if hasSecondColumn { finish(s11 - s12 - s13).store(destination + rowStride + columnStride) }
        }
    }
}
