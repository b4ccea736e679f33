/// The transforms of one Winograd algorithm F(m x m, 3x3) (Lavin & Gray 2015): an `m x m` output tile is
/// computed from an `n x n` input tile (`n = m + 2`) as `Y = Aᵀ [U ⊙ (Bᵀ d B)] A` with `U = G g Gᵀ`.
/// ``WinogradF2x2``, ``WinogradF3x3`` and ``WinogradF4x4`` conform; ``WinogradPlan`` runs any of them.
protocol WinogradTransform {
    /// `m`, the output tile side.
    static var outputTile: Int { get }
    /// `n = m + 2`, the input tile side; there are `n * n` transformed planes ξ.
    static var inputTile: Int { get }
    /// Blocks of tiles hold a multiple of this many tiles (GEMM rows; a multiple of the SGEMM register blocks).
    static var tileGranule: Int { get }
    /// Upper bound on the floats of `V` plus `M` of one block of tiles.
    static var blockFloatBudget: Int { get }
    /// Channels the transforms process at once: 8 (`SIMD8`) or 4 (`SIMD4`, when the 8-wide transform's live
    /// values would not fit in the 16 SSE registers).
    static var laneWidth: Int { get }
    /// The same input and output transforms on 8 channels at a time, written for AVX2 (`CKernelsAVX2`, the same
    /// operations in the same order, so the same bits), or nil when there are none.
    static var avx2Transforms: (input: AVX2InputTransform, output: AVX2OutputTransform)? { get }

    /// Writes `U[ξ][ic][oc] = (G g Gᵀ)[ξ]` for the HWIO `filter` (computed in Double, rounded once).
    static func transformFilter(_ filter: UnsafePointer<Float>, geometry g: Conv2DGeometry, into u: UnsafeMutablePointer<Float>)

    /// `V = Bᵀ d B` for one lane of channels; `d[r][c]` is at `source + r*rowStride + c*columnStride`,
    /// `V[ξ]` goes to `destination + ξ*planeStride`.
    static func transformInput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ rowStride: Int,
                                                _ columnStride: Int, _ destination: UnsafeMutablePointer<Float>,
                                                _ planeStride: Int)

    /// `Y = Aᵀ M A` (+ bias, piecewise-linear activation) for one lane of channels; `M[ξ]` is at
    /// `source + ξ*planeStride`; `Y[i][j]` goes to `destination + i*rowStride + j*columnStride` for
    /// `i < rows`, `j < columns` (the part of the tile inside the output, each 1 ... m).
    static func transformOutput<L: WinogradLane>(_: L.Type, _ source: UnsafePointer<Float>, _ planeStride: Int,
                                                 _ bias: UnsafePointer<Float>?, _ activation: Activation,
                                                 _ destination: UnsafeMutablePointer<Float>, _ rowStride: Int,
                                                 _ columnStride: Int, rows: Int, columns: Int)
}

extension WinogradTransform {
    static var avx2Transforms: (input: AVX2InputTransform, output: AVX2OutputTransform)? { nil }

    /// Writes `U[ξ][ic][oc] = (G g Gᵀ)[ξ]` for the HWIO `filter` and the `n x 3` matrix `G` given by its rows
    /// (computed in Double, rounded once): `t = G w` row by row, then `U[r][c] = Σ_k t[k] G[c][k]`.
    static func transformFilter(_ filter: UnsafePointer<Float>, geometry: Conv2DGeometry, g: [(Double, Double, Double)],
                                into u: UnsafeMutablePointer<Float>) {
        let ic = geometry.inputChannels
        let oc = geometry.outputChannels
        let plane = ic * oc
        let n = g.count
        for i in 0..<ic {
            for o in 0..<oc {
                func w(_ r: Int, _ c: Int) -> Double { Double(filter[((r * 3 + c) * ic + i) * oc + o]) }
                for r in 0..<n {
                    let gr = g[r]
                    let t0 = gr.0 * w(0, 0) + gr.1 * w(1, 0) + gr.2 * w(2, 0)
                    let t1 = gr.0 * w(0, 1) + gr.1 * w(1, 1) + gr.2 * w(2, 1)
                    let t2 = gr.0 * w(0, 2) + gr.1 * w(1, 2) + gr.2 * w(2, 2)
                    for c in 0..<n {
                        let gc = g[c]
                        u[(r * n + c) * plane + i * oc + o] = Float(gc.0 * t0 + gc.1 * t1 + gc.2 * t2)
                    }
                }
            }
        }
    }

    /// Adds the bias and applies a piecewise-linear activation (others are applied afterwards, per pixel).
    @inline(__always)
    static func finish<L: WinogradLane>(_ y: L, _ bias: L, _ activation: Activation) -> L {
        let x = y + bias
        switch activation {
        case .relu: return x.clampedBelowZero()
        case .relu6: return x.clampedToRelu6()
        case .leakyRelu(let alpha): return x.leaky(alpha)
        default: return x
        }
    }
}

/// A Winograd F(m x m, 3x3) convolution of one 3x3, stride-1, dilation-1 NHWC geometry, split into blocks.
///
/// The convolution turns into `n²` independent GEMMs `M[ξ] = V[ξ] U[ξ]` of shape `[tiles, IC] x [IC, OC]`:
/// `n²/m²` multiplies per output instead of 9 (F(2x2): 4, 2.25x fewer flops than im2col; F(3x3): 2.8; F(4x4): 2.25, 4x
/// fewer). The input and output transforms only add, subtract and scale by small integers, and `U` is computed
/// in Double and rounded once.
///
/// Tiles are processed in blocks of `blockTiles` (fixed by the geometry); per block a worker transforms the
/// input tiles into its scratch `V`, runs the `n²` GEMMs into its scratch `M`, then transforms back, adding the
/// bias and applying the activation while writing the output.
struct WinogradPlan<Transform: WinogradTransform> {
    /// The convolution shape (3x3, stride 1, dilation 1).
    let geometry: Conv2DGeometry
    /// Output tiles per image along H and W: `ceil(OH / m)`, `ceil(OW / m)`.
    let tilesHigh: Int
    let tilesWide: Int
    /// Tiles per block (GEMM rows).
    let blockTiles: Int
    /// Number of blocks (tasks).
    let blockCount: Int
    /// The max pool applied to the output, whose windows tile the `m x m` output tiles; nil for none.
    let pool: FusedMaxPool?
    /// Generated kernels for the per-plane GEMMs of a full and of the last block (see ``GeneratedSGEMM``).
    let gemms: GeneratedSGEMMSet
    /// `Transform.avx2Transforms` on CPUs with AVX2 (8 channels at a time, the same bits as the Swift lanes);
    /// nil: the Swift lanes do all channels.
    let avx2Transforms: (input: AVX2InputTransform, output: AVX2OutputTransform)?

    /// Blocks are made small enough to give at least this many tasks, unless that makes them shorter than
    /// `minimumSplitTiles`; more than one block are made an even number, of nearly equal sizes, so that two
    /// workers get the same share.
    static var preferredTaskCount: Int { 4 }
    static var minimumSplitTiles: Int { 16 }

    /// `n * n`, the number of transformed planes.
    static var planeCount: Int { Transform.inputTile * Transform.inputTile }

    /// Whether the geometry is one Winograd computes.
    static func isApplicable(_ g: Conv2DGeometry) -> Bool {
        g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideHeight == 1 && g.strideWidth == 1
            && g.dilationHeight == 1 && g.dilationWidth == 1
    }

    /// Output tiles of `g` over the batch.
    static func tileCount(_ g: Conv2DGeometry) -> Int {
        let m = Transform.outputTile
        return g.batch * ((g.outputHeight + m - 1) / m) * ((g.outputWidth + m - 1) / m)
    }

    /// Floats of the transformed filter `U`: `n² * IC * OC`.
    static func transformedFilterCount(_ g: Conv2DGeometry) -> Int { planeCount * g.inputChannels * g.outputChannels }

    /// Plans `g` (with `pool` applied to its output) for `context`: its AVX2 transforms when it uses AVX2, its
    /// generated GEMM kernels when it allows them.
    init(geometry g: Conv2DGeometry, pool: FusedMaxPool? = nil, context: ComputeContext) {
        let m = Transform.outputTile
        precondition(pool.map { m % $0.windowHeight == 0 && m % $0.windowWidth == 0 } ?? true,
                     "WinogradPlan: pool windows must tile the output tiles")
        geometry = g
        self.pool = pool
        tilesHigh = (g.outputHeight + m - 1) / m
        tilesWide = (g.outputWidth + m - 1) / m
        let tiles = Swift.max(1, g.batch * tilesHigh * tilesWide)
        let granule = Transform.tileGranule
        let perTile = Self.planeCount * Swift.max(1, g.inputChannels + g.outputChannels)
        let largestBlock = Swift.max(granule, Transform.blockFloatBudget / perTile / granule * granule)
        var blocks = Swift.max((tiles + largestBlock - 1) / largestBlock,
                               Swift.min(Self.preferredTaskCount, tiles / Self.minimumSplitTiles))
        if blocks > 1 && blocks % 2 == 1 { blocks += 1 }
        let block = Swift.min(tiles, ((tiles + blocks - 1) / blocks + granule - 1) / granule * granule)
        blockTiles = block
        blockCount = (tiles + block - 1) / block
        let oc = g.outputChannels
        avx2Transforms = context.usesAVX2 ? Transform.avx2Transforms : nil
        let ic = g.inputChannels
        let shapes = [(block, oc, oc), (tiles - (blockCount - 1) * block, oc, oc)]
        gemms = GeneratedSGEMMSet(shapes: shapes, depth: ic, aStride: ic, bStride: oc,
                                  generating: context.generatesGEMMKernels)
    }

    /// Total tiles, `N * tilesHigh * tilesWide`.
    var tileCount: Int { geometry.batch * tilesHigh * tilesWide }

    /// Floats between consecutive `V[ξ]` planes: one block's `blockTiles * IC` plus one cache line, so the
    /// planes a transform touches at once do not all map to the same L1 set (plane sizes are often multiples of 4 KiB).
    var vPlaneStride: Int { blockTiles * geometry.inputChannels + Self.planePadding }
    /// Floats between consecutive `M[ξ]` planes (padded like `vPlaneStride`).
    var mPlaneStride: Int { blockTiles * geometry.outputChannels + Self.planePadding }
    /// Padding after each plane, in floats (one 64-byte cache line).
    static var planePadding: Int { 16 }

    /// Scratch floats one worker needs: `V` and `M` of one block, one zero-padded `n x n` input patch and, with
    /// a pool, one `m x m` output tile.
    var scratchPerWorker: Int {
        let tile = pool == nil ? 0 : Transform.outputTile * Transform.outputTile * geometry.outputChannels
        return Self.planeCount * (vPlaneStride + mPlaneStride + geometry.inputChannels) + tile
    }

    /// The image, tile row and tile column of tile number `tile` (tiles run row by row, image by image).
    @inline(__always)
    private func position(ofTile tile: Int) -> (image: Int, row: Int, column: Int) {
        let tilesPerImage = tilesHigh * tilesWide
        let image = tile / tilesPerImage
        let withinImage = tile - image * tilesPerImage
        let row = withinImage / tilesWide
        return (image, row, withinImage - row * tilesWide)
    }

    /// Computes block `block` of tiles: input transform, `n²` GEMMs, output transform with bias and activation.
    func runBlock(_ block: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>, transformedFilter u: UnsafePointer<Float>,
                  bias: UnsafePointer<Float>?, activation: Activation) {
        let g = geometry
        let m = Transform.outputTile
        let n = Transform.inputTile
        let planes = Self.planeCount
        let ic = g.inputChannels
        let oc = g.outputChannels
        let firstTile = block * blockTiles
        let count = Swift.min(blockTiles, tileCount - firstTile)
        let vPlane = vPlaneStride
        let mPlane = mPlaneStride
        let v = scratch
        let product = scratch + planes * vPlane
        let patch = product + planes * mPlane
        let pooledTile = patch + planes * ic

        // Input transform.
        for t in 0..<count {
            let (image, th, tw) = position(ofTile: firstTile + t)
            let ih0 = m * th - g.padTop
            let iw0 = m * tw - g.padLeft
            let imageInput = input + image * g.inputHeight * g.inputWidth * ic
            var source: UnsafePointer<Float>
            var rowStride: Int
            if ih0 >= 0 && ih0 + n <= g.inputHeight && iw0 >= 0 && iw0 + n <= g.inputWidth {
                source = imageInput + (ih0 * g.inputWidth + iw0) * ic
                rowStride = g.inputWidth * ic
            } else {
                patch.update(repeating: 0, count: planes * ic)
                for r in 0..<n {
                    let ih = ih0 + r
                    if ih < 0 || ih >= g.inputHeight { continue }
                    for c in 0..<n {
                        let iw = iw0 + c
                        if iw < 0 || iw >= g.inputWidth { continue }
                        (patch + (r * n + c) * ic).update(from: imageInput + (ih * g.inputWidth + iw) * ic, count: ic)
                    }
                }
                source = UnsafePointer(patch)
                rowStride = n * ic
            }
            let destination = v + t * ic
            var channel = 0
            if let transform = avx2Transforms?.input {
                while channel + 8 <= ic {
                    transform(source + channel, rowStride, ic, destination + channel, vPlane)
                    channel += 8
                }
            }
            while Transform.laneWidth == 4 && channel + 4 <= ic {
                Transform.transformInput(SIMD4<Float>.self, source + channel, rowStride, ic, destination + channel, vPlane)
                channel += 4
            }
            while channel + 8 <= ic {
                Transform.transformInput(SIMD8<Float>.self, source + channel, rowStride, ic, destination + channel, vPlane)
                channel += 8
            }
            while channel < ic {
                Transform.transformInput(Float.self, source + channel, rowStride, ic, destination + channel, vPlane)
                channel += 1
            }
        }

        // n² GEMMs: M[ξ] = V[ξ] U[ξ], on the kernel generated for this block's shape when there is one.
        let gemm = gemms.kernel(rows: count, columns: oc, cStride: oc)
        for xi in 0..<planes {
            GeneratedSGEMM.multiply(on: gemm, rows: count, columns: oc, depth: ic, a: v + xi * vPlane, aStride: ic,
                                    b: u + xi * ic * oc, bStride: oc, c: product + xi * mPlane, cStride: oc)
        }

        // Output transform + bias + activation.
        let needsScalarActivation: Bool
        switch activation {
        case .none, .relu, .relu6, .leakyRelu: needsScalarActivation = false
        default: needsScalarActivation = true
        }
        let (code, alpha) = AVX2Kernels.activationCode(activation)
        for t in 0..<count {
            let (image, th, tw) = position(ofTile: firstTile + t)
            let oh0 = m * th
            let ow0 = m * tw
            // With a pool the tile goes to `pooledTile` whole, and its windows inside the pooled output from there.
            let rows = pool == nil ? Swift.min(m, g.outputHeight - oh0) : m
            let columns = pool == nil ? Swift.min(m, g.outputWidth - ow0) : m
            let destination = pool == nil ? output + ((image * g.outputHeight + oh0) * g.outputWidth + ow0) * oc : pooledTile
            let rowStride = pool == nil ? g.outputWidth * oc : m * oc
            let source = UnsafePointer(product + t * oc)
            var channel = 0
            if let transform = avx2Transforms?.output {
                while channel + 8 <= oc {
                    transform(source + channel, mPlane, bias.map { $0 + channel }, code, alpha, destination + channel,
                              rowStride, oc, Int32(rows), Int32(columns))
                    channel += 8
                }
            }
            while Transform.laneWidth == 4 && channel + 4 <= oc {
                Transform.transformOutput(SIMD4<Float>.self, source + channel, mPlane, bias.map { $0 + channel },
                                          activation, destination + channel, rowStride, oc, rows: rows, columns: columns)
                channel += 4
            }
            while channel + 8 <= oc {
                Transform.transformOutput(SIMD8<Float>.self, source + channel, mPlane, bias.map { $0 + channel },
                                          activation, destination + channel, rowStride, oc, rows: rows, columns: columns)
                channel += 8
            }
            while channel < oc {
                Transform.transformOutput(Float.self, source + channel, mPlane, bias.map { $0 + channel },
                                          activation, destination + channel, rowStride, oc, rows: rows, columns: columns)
                channel += 1
            }
            if needsScalarActivation {
                for i in 0..<rows {
                    for j in 0..<columns { activation.apply(destination + i * rowStride + j * oc, count: oc) }
                }
            }
            if let pool {
                poolTile(UnsafePointer(pooledTile), pool: pool, image: image, firstRow: oh0, firstColumn: ow0, into: output)
            }
        }
    }
}

extension WinogradPlan {
    /// Max-pools the `m x m` output tile at (`firstRow`, `firstColumn`) of `image`, stored row-major in `tile`,
    /// into the pooled NHWC `output`: the windows inside the pooled output, each in ``Pool2D``'s order, so the
    /// bits are those of a separate MaxPool.
    @inline(__always)
    private func poolTile(_ tile: UnsafePointer<Float>, pool: FusedMaxPool, image: Int, firstRow: Int, firstColumn: Int,
                          into output: UnsafeMutablePointer<Float>) {
        let g = geometry
        let m = Transform.outputTile
        let oc = g.outputChannels
        let pooledHeight = pool.outputHeight(g.outputHeight)
        let pooledWidth = pool.outputWidth(g.outputWidth)
        let firstPooledRow = firstRow / pool.windowHeight
        let firstPooledColumn = firstColumn / pool.windowWidth
        let windowRows = Swift.min(m / pool.windowHeight, pooledHeight - firstPooledRow)
        let windowColumns = Swift.min(m / pool.windowWidth, pooledWidth - firstPooledColumn)
        guard windowRows > 0, windowColumns > 0 else { return }
        for i in 0..<windowRows {
            let destination = output + ((image * pooledHeight + firstPooledRow + i) * pooledWidth + firstPooledColumn) * oc
            Pool2D.maxPoolRow(tile + i * pool.windowHeight * m * oc, pixelStride: oc, rowStride: m * oc, channels: oc,
                              windowHeight: pool.windowHeight, windowWidth: pool.windowWidth,
                              strideWidth: pool.windowWidth, outputWidth: windowColumns, into: destination,
                              outputPixelStride: oc)
        }
    }
}

/// The Winograd variant a ``Conv2DKernel`` runs (a closed set, so calls stay specialized).
enum WinogradVariant {
    case f2x2(WinogradPlan<WinogradF2x2>)
    case f3x3(WinogradPlan<WinogradF3x3>)
    case f4x4(WinogradPlan<WinogradF4x4>)

    /// Plans `algorithm` for `g` (with `pool` applied to its output; see ``Conv2DAlgorithm/canFuse(_:)``);
    /// nil unless it is a Winograd algorithm.
    init?(_ algorithm: Conv2DAlgorithm, geometry g: Conv2DGeometry, pool: FusedMaxPool? = nil, context: ComputeContext) {
        switch algorithm {
        case .winogradF2x2: self = .f2x2(WinogradPlan(geometry: g, pool: pool, context: context))
        case .winogradF3x3: self = .f3x3(WinogradPlan(geometry: g, pool: pool, context: context))
        case .winogradF4x4: self = .f4x4(WinogradPlan(geometry: g, pool: pool, context: context))
        case .im2colGEMM: return nil
        }
    }

    var blockCount: Int {
        switch self {
        case .f2x2(let plan): return plan.blockCount
        case .f3x3(let plan): return plan.blockCount
        case .f4x4(let plan): return plan.blockCount
        }
    }

    var scratchPerWorker: Int {
        switch self {
        case .f2x2(let plan): return plan.scratchPerWorker
        case .f3x3(let plan): return plan.scratchPerWorker
        case .f4x4(let plan): return plan.scratchPerWorker
        }
    }

    /// Number of generated GEMM kernels of the plan.
    var generatedGEMMCount: Int {
        switch self {
        case .f2x2(let plan): return plan.gemms.count
        case .f3x3(let plan): return plan.gemms.count
        case .f4x4(let plan): return plan.gemms.count
        }
    }

    /// Floats of the transformed filter.
    var transformedFilterCount: Int {
        switch self {
        case .f2x2(let plan): return WinogradPlan<WinogradF2x2>.transformedFilterCount(plan.geometry)
        case .f3x3(let plan): return WinogradPlan<WinogradF3x3>.transformedFilterCount(plan.geometry)
        case .f4x4(let plan): return WinogradPlan<WinogradF4x4>.transformedFilterCount(plan.geometry)
        }
    }

    func transformFilter(_ filter: UnsafePointer<Float>, into u: UnsafeMutablePointer<Float>) {
        switch self {
        case .f2x2(let plan): WinogradF2x2.transformFilter(filter, geometry: plan.geometry, into: u)
        case .f3x3(let plan): WinogradF3x3.transformFilter(filter, geometry: plan.geometry, into: u)
        case .f4x4(let plan): WinogradF4x4.transformFilter(filter, geometry: plan.geometry, into: u)
        }
    }

    @inline(__always)
    func runBlock(_ block: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>, transformedFilter u: UnsafePointer<Float>,
                  bias: UnsafePointer<Float>?, activation: Activation) {
        switch self {
        case .f2x2(let plan):
            plan.runBlock(block, input: input, output: output, scratch: scratch, transformedFilter: u, bias: bias,
                          activation: activation)
        case .f3x3(let plan):
            plan.runBlock(block, input: input, output: output, scratch: scratch, transformedFilter: u, bias: bias,
                          activation: activation)
        case .f4x4(let plan):
            plan.runBlock(block, input: input, output: output, scratch: scratch, transformedFilter: u, bias: bias,
                          activation: activation)
        }
    }
}
