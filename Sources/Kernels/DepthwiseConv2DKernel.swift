import CKernelsAVX2

/// The shape parameters of one NHWC depthwise convolution (TensorFlow's `DepthwiseConv2dNative`).
///
/// Input channel `c` is convolved with `channelMultiplier` filters of its own; output channel `c * M + m` is
/// filter `m` of input channel `c`. Padding is given as `padTop`/`padLeft`; the bottom/right padding is implied
/// by the output size (input positions past the end read as zero), which covers VALID, SAME and EXPLICIT.
public struct DepthwiseConv2DGeometry: Sendable, Hashable {
    /// N.
    public var batch: Int
    /// Input H.
    public var inputHeight: Int
    /// Input W.
    public var inputWidth: Int
    /// Input C.
    public var channels: Int
    /// M: filters per input channel (output C is `channels * channelMultiplier`).
    public var channelMultiplier: Int
    /// Output H.
    public var outputHeight: Int
    /// Output W.
    public var outputWidth: Int
    /// Filter H.
    public var kernelHeight: Int
    /// Filter W.
    public var kernelWidth: Int
    /// Vertical stride.
    public var strideHeight: Int
    /// Horizontal stride.
    public var strideWidth: Int
    /// Vertical dilation (1 = dense filter).
    public var dilationHeight: Int
    /// Horizontal dilation (1 = dense filter).
    public var dilationWidth: Int
    /// Zero rows added above the input.
    public var padTop: Int
    /// Zero columns added left of the input.
    public var padLeft: Int

    /// Creates a geometry from all of its fields.
    public init(batch: Int, inputHeight: Int, inputWidth: Int, channels: Int, channelMultiplier: Int,
                outputHeight: Int, outputWidth: Int, kernelHeight: Int, kernelWidth: Int,
                strideHeight: Int, strideWidth: Int, dilationHeight: Int, dilationWidth: Int, padTop: Int, padLeft: Int) {
        self.batch = batch
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.channels = channels
        self.channelMultiplier = channelMultiplier
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.padTop = padTop
        self.padLeft = padLeft
    }

    /// Output C, `channels * channelMultiplier`.
    public var outputChannels: Int { channels &* channelMultiplier }
    /// Elements of the input tensor, N*IH*IW*C.
    public var inputCount: Int { batch &* inputHeight &* inputWidth &* channels }
    /// Elements of the output tensor, N*OH*OW*C*M.
    public var outputCount: Int { batch &* outputHeight &* outputWidth &* outputChannels }
    /// Elements of the `[KH, KW, C, M]` filter.
    public var filterCount: Int { kernelHeight &* kernelWidth &* outputChannels }
    /// flops = 2*N*OH*OW*C*M*KH*KW (multiply and add; wrapping arithmetic, call `validate()` first).
    public var flops: Int { 2 &* outputCount &* kernelHeight &* kernelWidth }

    /// Checks every field and derived size so that `DepthwiseConv2DKernel` can run without further checks.
    public func validate() throws(KernelError) {
        let kernel = "DepthwiseConv2D"
        let nonNegative: [(String, Int)] = [
            ("batch", batch), ("inputHeight", inputHeight), ("inputWidth", inputWidth), ("channels", channels),
            ("outputHeight", outputHeight), ("outputWidth", outputWidth), ("padTop", padTop), ("padLeft", padLeft),
        ]
        for (field, value) in nonNegative where value < 0 {
            throw KernelError.invalidValue(kernel: kernel, field: field, value: value, requirement: ">= 0")
        }
        let positive: [(String, Int)] = [
            ("channelMultiplier", channelMultiplier), ("kernelHeight", kernelHeight), ("kernelWidth", kernelWidth),
            ("strideHeight", strideHeight), ("strideWidth", strideWidth),
            ("dilationHeight", dilationHeight), ("dilationWidth", dilationWidth),
        ]
        for (field, value) in positive where value <= 0 {
            throw KernelError.invalidValue(kernel: kernel, field: field, value: value, requirement: "> 0")
        }
        _ = try CheckedSize.product([batch, inputHeight, inputWidth, channels], kernel: kernel, quantity: "input element count")
        _ = try CheckedSize.product([batch, outputHeight, outputWidth, channels, channelMultiplier], kernel: kernel,
                                    quantity: "output element count")
        _ = try CheckedSize.product([kernelHeight, kernelWidth, channels, channelMultiplier], kernel: kernel,
                                    quantity: "filter element count")
        _ = try CheckedSize.product([2, batch, outputHeight, outputWidth, channels, channelMultiplier, kernelHeight, kernelWidth],
                                    kernel: kernel, quantity: "flop count")
        // Coordinates of the last tap of the last window, so the index arithmetic in `run` cannot overflow.
        _ = try CheckedSize.product([Swift.max(outputHeight, 1), strideHeight], kernel: kernel, quantity: "vertical extent")
        _ = try CheckedSize.product([Swift.max(outputWidth, 1), strideWidth], kernel: kernel, quantity: "horizontal extent")
        _ = try CheckedSize.product([kernelHeight, dilationHeight], kernel: kernel, quantity: "dilated kernel height")
        _ = try CheckedSize.product([kernelWidth, dilationWidth], kernel: kernel, quantity: "dilated kernel width")
    }
}

/// An NHWC float32 depthwise convolution computed directly (no im2col, no BLAS), with bias, activation and a
/// per-channel PReLU fused into its output pass.
///
/// Every output element is the sum over the filter taps in row-major (kh, kw) order of input times weight,
/// started from zero; taps that fall into the padding are skipped (they would add zero). With a channel
/// multiplier of 1 the channel axis is computed 8 lanes at a time (`SIMD8<Float>`) with the accumulators in
/// registers, 4 output pixels at once; otherwise each output pixel's channels are accumulated in place. On CPUs
/// with AVX2 and FMA (when the ``ComputeContext`` allows AVX2) multiplier-1 rows run `landmark_depthwise_row`
/// instead: 16 or 8 channels per register block, fused multiply-adds in the same tap order.
/// The bias, activation and PReLU run on each finished output row while it is in cache.
///
/// Work is split into tasks of `rowsPerTask` output rows, fixed by the geometry alone; tasks run on up to
/// the ``ComputeContext``'s workers. No output element depends on the split, so results are
/// bit-identical for any thread count. Built once at plan time; owns copies of the weights, bias and slopes;
/// `run` allocates nothing and needs no scratch.
public final class DepthwiseConv2DKernel: @unchecked Sendable {
    /// The convolution's shape parameters.
    public let geometry: DepthwiseConv2DGeometry
    /// The fused activation (applied after the bias, before the PReLU slopes).
    public let activation: Activation
    /// Output rows per task.
    public let rowsPerTask: Int
    /// The threads the kernel runs on.
    public let context: ComputeContext

    /// Owned `[KH*KW, C*M]` weights (the `[KH, KW, C, M]` filter viewed with its last two axes merged).
    private let weights: UnsafeMutablePointer<Float>
    /// Owned `[C*M]` bias, or nil.
    private let ownedBias: UnsafeMutablePointer<Float>?
    /// Owned `[C*M]` PReLU slopes for negative outputs, or nil.
    private let ownedSlopes: UnsafeMutablePointer<Float>?

    /// Whether rows with channel multiplier 1 run the AVX2 + FMA C kernel (`landmark_depthwise_row`).
    private let usesFusedMultiplyAdd: Bool
    /// The activation code for `landmark_depthwise_row` when it finishes the rows itself (bias and activation, no
    /// PReLU slopes, an activation it knows); nil when the Swift pass does.
    private let fusedEpilogue: (code: Int32, alpha: Float)?

    /// Tasks are made small enough to give at least this many, so two workers stay busy on uneven loads.
    static let preferredTaskCount = 16

    /// Creates the kernel.
    ///
    /// - Parameters:
    ///   - geometry: the convolution shape; must have passed `geometry.validate()`.
    ///   - filter: TF `[kh, kw, c, m]`, copied (may be nil only when the filter is empty).
    ///   - bias: `[c*m]` or nil, copied.
    ///   - activation: applied after the bias.
    ///   - negativeSlopes: `[c*m]` PReLU slopes applied last (`y = y > 0 ? y : slope * y`), or nil; copied.
    ///   - context: the threads the kernel runs on.
    public init(geometry: DepthwiseConv2DGeometry, filter: UnsafePointer<Float>?, bias: UnsafePointer<Float>?,
                activation: Activation, negativeSlopes: UnsafePointer<Float>? = nil,
                context: ComputeContext = .singleThreaded) {
        do {
            try geometry.validate()
        } catch {
            preconditionFailure("DepthwiseConv2DKernel: invalid geometry (call validate() at plan time): \(error)")
        }
        self.geometry = geometry
        self.activation = activation
        self.context = context
        usesFusedMultiplyAdd = context.usesFusedMultiplyAdd
        // The C kernel has no PReLU slopes: with slopes the Swift pass finishes the rows.
        fusedEpilogue = negativeSlopes == nil ? AVX2Kernels.registerEpilogue(activation) : nil
        let count = geometry.filterCount
        weights = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
        if count > 0, let filter {
            weights.initialize(from: filter, count: count)
        } else {
            precondition(count == 0, "DepthwiseConv2DKernel: no filter for \(count) weights")
            weights.initialize(to: 0)
        }
        let oc = geometry.outputChannels
        func copy(_ source: UnsafePointer<Float>?) -> UnsafeMutablePointer<Float>? {
            guard let source else { return nil }
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, oc))
            buffer.initialize(from: source, count: oc)
            return buffer
        }
        ownedBias = copy(bias)
        ownedSlopes = copy(negativeSlopes)
        let rows = geometry.batch * geometry.outputHeight
        rowsPerTask = Swift.max(1, (rows + Self.preferredTaskCount - 1) / Self.preferredTaskCount)
        BLAS.prepare()
    }

    deinit {
        weights.deallocate()
        ownedBias?.deallocate()
        ownedSlopes?.deallocate()
    }

    /// Number of independent tasks `run` splits the convolution into (fixed by the geometry).
    public var taskCount: Int {
        (geometry.batch * geometry.outputHeight + rowsPerTask - 1) / rowsPerTask
    }

    /// Computes the convolution.
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, C]`.
    ///   - output: NHWC `[N, OH, OW, C*M]`; must not overlap `input`.
    public func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let g = geometry
        guard g.outputCount > 0 else { return }
        let pointers = UncheckedSendable((input: input, output: output))
        let rows = g.batch * g.outputHeight
        context.forEachTask(taskCount) { task, _ in
            let first = task * rowsPerTask
            let last = Swift.min(rows, first + rowsPerTask)
            for row in first..<last {
                computeRow(row, input: pointers.value.input, output: pointers.value.output)
            }
        }
    }

    /// One output row (`row = n * OH + oh`): the sums, then bias, activation and slopes.
    private func computeRow(_ row: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let g = geometry
        let n = row / g.outputHeight
        let oh = row - n * g.outputHeight
        let c = g.channels
        let oc = g.outputChannels
        let outRow = output + row * g.outputWidth * oc
        let image = input + n * g.inputHeight * g.inputWidth * c
        // Filter rows whose input row is inside the image.
        let top = oh * g.strideHeight - g.padTop
        var firstKH = 0
        while firstKH < g.kernelHeight && top + firstKH * g.dilationHeight < 0 { firstKH += 1 }
        var endKH = g.kernelHeight
        while endKH > firstKH && top + (endKH - 1) * g.dilationHeight >= g.inputHeight { endKH -= 1 }

        if g.channelMultiplier == 1 && usesFusedMultiplyAdd {
            if endKH > firstKH {
                let rowStride = g.inputWidth &* c
                landmark_depthwise_row(image + (top + firstKH * g.dilationHeight) * rowStride, endKH - firstKH,
                                       g.dilationHeight &* rowStride, weights + firstKH * g.kernelWidth * c,
                                       g.kernelWidth &* c, c, g.inputWidth, g.outputWidth, g.kernelWidth,
                                       g.strideWidth, g.dilationWidth, g.padLeft,
                                       fusedEpilogue.map { _ in ownedBias.map { UnsafePointer($0) } } ?? nil,
                                       fusedEpilogue?.code ?? 0, fusedEpilogue?.alpha ?? 0, outRow)
                if fusedEpilogue != nil { return }
            } else {
                outRow.update(repeating: 0, count: g.outputWidth * oc)
            }
        } else if g.channelMultiplier == 1 {
            computeRowSingleMultiplier(image: image, outRow: outRow, top: top, firstKH: firstKH, endKH: endKH)
        } else {
            computeRowMultiplied(image: image, outRow: outRow, top: top, firstKH: firstKH, endKH: endKH)
        }
        BiasActivation.apply(outRow, rows: g.outputWidth, columns: oc, bias: ownedBias.map { UnsafePointer($0) },
                             activation: activation, negativeSlopes: ownedSlopes.map { UnsafePointer($0) })
    }

    /// The horizontal tap range `[first, end)` whose input column is inside the image for output column `ow`.
    @inline(__always)
    private func tapColumns(_ ow: Int) -> (left: Int, first: Int, end: Int) {
        let g = geometry
        let left = ow * g.strideWidth - g.padLeft
        var first = 0
        while first < g.kernelWidth && left + first * g.dilationWidth < 0 { first += 1 }
        var end = g.kernelWidth
        while end > first && left + (end - 1) * g.dilationWidth >= g.inputWidth { end -= 1 }
        return (left, first, end)
    }

    /// Channel multiplier 1: 8 channels per SIMD register, accumulators in registers; 4 output pixels at once
    /// where their windows are all inside the image horizontally, one at a time elsewhere.
    private func computeRowSingleMultiplier(image: UnsafePointer<Float>, outRow: UnsafeMutablePointer<Float>,
                                            top: Int, firstKH: Int, endKH: Int) {
        let g = geometry
        let c = g.channels
        let kw = g.kernelWidth
        let rowStride = g.inputWidth * c
        let pixelStep = g.strideWidth * c
        let tapStep = g.dilationWidth * c
        let w = UnsafeRawPointer(weights)
        let x = UnsafeRawPointer(image)
        let out = UnsafeMutableRawPointer(outRow)
        let vectorEnd = c - c % 8
        // Offsets (in floats) advance with wrapping arithmetic: `validate()` bounds every index by the tensor sizes.
        let rowStep = g.dilationHeight &* rowStride
        let weightRowStep = kw &* c
        let firstRow = (top &+ firstKH &* g.dilationHeight) &* rowStride
        let firstWeightRow = firstKH &* weightRowStep
        var ow = 0
        while ow < g.outputWidth {
            let (left, first, end) = tapColumns(ow)
            // Four pixels whose windows are complete horizontally: share every weight load.
            if first == 0 && end == kw && ow + 3 < g.outputWidth && left + 3 * g.strideWidth + (kw - 1) * g.dilationWidth < g.inputWidth {
                var ch = 0
                let step1 = pixelStep &* 4, step2 = pixelStep &* 8, step3 = pixelStep &* 12
                while ch < vectorEnd {
                    var a0 = SIMD8<Float>(repeating: 0), a1 = a0, a2 = a0, a3 = a0
                    var rowInput = x + (firstRow &+ left &* c &+ ch) &* 4
                    var rowWeights = w + (firstWeightRow &+ ch) &* 4
                    var kh = firstKH
                    while kh < endKH {
                        var xp = rowInput, wp = rowWeights
                        var tap = 0
                        while tap < kw {
                            let wv = wp.loadUnaligned(as: SIMD8<Float>.self)
                            a0 += xp.loadUnaligned(as: SIMD8<Float>.self) * wv
                            a1 += xp.loadUnaligned(fromByteOffset: step1, as: SIMD8<Float>.self) * wv
                            a2 += xp.loadUnaligned(fromByteOffset: step2, as: SIMD8<Float>.self) * wv
                            a3 += xp.loadUnaligned(fromByteOffset: step3, as: SIMD8<Float>.self) * wv
                            xp += tapStep &* 4
                            wp += c &* 4
                            tap &+= 1
                        }
                        rowInput += rowStep &* 4
                        rowWeights += weightRowStep &* 4
                        kh &+= 1
                    }
                    let o = ow &* c &+ ch
                    out.storeBytes(of: a0, toByteOffset: o &* 4, as: SIMD8<Float>.self)
                    out.storeBytes(of: a1, toByteOffset: (o &+ c) &* 4, as: SIMD8<Float>.self)
                    out.storeBytes(of: a2, toByteOffset: (o &+ 2 &* c) &* 4, as: SIMD8<Float>.self)
                    out.storeBytes(of: a3, toByteOffset: (o &+ 3 &* c) &* 4, as: SIMD8<Float>.self)
                    ch &+= 8
                }
                while ch < c {
                    for pixel in 0..<4 {
                        var sum: Float = 0
                        for kh in firstKH..<endKH {
                            var p = (top + kh * g.dilationHeight) * rowStride + (left + pixel * g.strideWidth) * c + ch
                            var q = kh * kw * c + ch
                            for _ in 0..<kw {
                                sum += image[p] * weights[q]
                                p &+= tapStep
                                q &+= c
                            }
                        }
                        outRow[(ow + pixel) * c + ch] = sum
                    }
                    ch &+= 1
                }
                ow += 4
                continue
            }
            var ch = 0
            while ch < vectorEnd {
                var a = SIMD8<Float>(repeating: 0)
                var rowInput = x + (firstRow &+ (left &+ first &* g.dilationWidth) &* c &+ ch) &* 4
                var rowWeights = w + (firstWeightRow &+ first &* c &+ ch) &* 4
                var kh = firstKH
                while kh < endKH {
                    var xp = rowInput, wp = rowWeights
                    var tap = first
                    while tap < end {
                        a += xp.loadUnaligned(as: SIMD8<Float>.self) * wp.loadUnaligned(as: SIMD8<Float>.self)
                        xp += tapStep &* 4
                        wp += c &* 4
                        tap &+= 1
                    }
                    rowInput += rowStep &* 4
                    rowWeights += weightRowStep &* 4
                    kh &+= 1
                }
                out.storeBytes(of: a, toByteOffset: (ow * c + ch) &* 4, as: SIMD8<Float>.self)
                ch &+= 8
            }
            while ch < c {
                var sum: Float = 0
                for kh in firstKH..<endKH {
                    var p = (top + kh * g.dilationHeight) * rowStride + (left + first * g.dilationWidth) * c + ch
                    var q = (kh * kw + first) * c + ch
                    for _ in first..<end {
                        sum += image[p] * weights[q]
                        p &+= tapStep
                        q &+= c
                    }
                }
                outRow[ow * c + ch] = sum
                ch &+= 1
            }
            ow += 1
        }
    }

    /// Channel multiplier above 1: each output pixel's `C*M` sums are accumulated in place, tap by tap.
    private func computeRowMultiplied(image: UnsafePointer<Float>, outRow: UnsafeMutablePointer<Float>,
                                      top: Int, firstKH: Int, endKH: Int) {
        let g = geometry
        let c = g.channels
        let m = g.channelMultiplier
        let oc = g.outputChannels
        let kw = g.kernelWidth
        let rowStride = g.inputWidth * c
        for ow in 0..<g.outputWidth {
            let (left, first, end) = tapColumns(ow)
            let sums = outRow + ow * oc
            sums.update(repeating: 0, count: oc)
            for kh in firstKH..<endKH {
                let inputRow = image + (top + kh * g.dilationHeight) * rowStride
                for tap in first..<end {
                    let pixel = inputRow + (left + tap * g.dilationWidth) * c
                    let tapWeights = weights + (kh * kw + tap) * oc
                    for channel in 0..<c {
                        let value = pixel[channel]
                        let base = channel &* m
                        for j in 0..<m {
                            sums[base &+ j] += value * tapWeights[base &+ j]
                        }
                    }
                }
            }
        }
    }
}
