import Foundation

/// The sizes of an NHWC image resize, shared by the resize kernels.
public struct ResizeGeometry: Sendable, Hashable {
    public var batch: Int
    public var inputHeight: Int
    public var inputWidth: Int
    public var channels: Int
    public var outputHeight: Int
    public var outputWidth: Int

    public init(batch: Int, inputHeight: Int, inputWidth: Int, channels: Int, outputHeight: Int, outputWidth: Int) {
        self.batch = batch
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.channels = channels
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
    }

    /// TensorFlow's scale from output to input coordinates along one axis: `(in - 1) / (out - 1)` with
    /// `alignCorners` (and more than one output), else `in / out`, in float32.
    public static func scale(input: Int, output: Int, alignCorners: Bool) -> Float {
        alignCorners && output > 1 ? Float(input - 1) / Float(output - 1) : Float(input) / Float(output)
    }

    /// Output rows over the batch, N*OH.
    var rowCount: Int { batch * outputHeight }

    /// How many tasks the output rows are split into: fixed by the sizes, so results do not depend on threads.
    var taskCount: Int {
        let elements = rowCount * outputWidth * channels
        return elements < 1 << 15 ? 1 : Swift.min(rowCount, 16)
    }

    /// Runs `body(firstRow, rowCount)` over bands of output rows on `context`'s threads.
    func forEachBand(_ context: ComputeContext, _ body: (_ firstRow: Int, _ rowCount: Int) -> Void) {
        let rows = rowCount, tasks = taskCount
        guard rows > 0, outputWidth > 0, channels > 0 else { return }
        context.forEachTask(tasks) { task, _ in
            let first = task * rows / tasks, end = (task + 1) * rows / tasks
            body(first, end - first)
        }
    }
}

/// TensorFlow's `ResizeBilinear` of float32 NHWC images, with `align_corners` and `half_pixel_centers`: output
/// pixel `(y, x)` interpolates the four input pixels around `(y * scale, x * scale)` (half-pixel centers:
/// `(y + 0.5) * scale - 0.5`, clamped at the edges), with TensorFlow's weights and order of operations.
public struct ResizeBilinearKernel: Sendable {
    public let geometry: ResizeGeometry
    /// The threads the kernel runs on.
    public let context: ComputeContext
    /// Per output column: lower and upper input column and the weight of the upper one.
    private let xLower: [Int], xUpper: [Int], xLerp: [Float]
    /// Per output row (within an image): the same for input rows.
    private let yLower: [Int], yUpper: [Int], yLerp: [Float]

    public init(geometry g: ResizeGeometry, alignCorners: Bool, halfPixelCenters: Bool, context: ComputeContext = .singleThreaded) {
        geometry = g
        self.context = context
        func weights(_ output: Int, _ input: Int) -> ([Int], [Int], [Float]) {
            let scale = ResizeGeometry.scale(input: input, output: output, alignCorners: alignCorners)
            var lower: [Int] = [], upper: [Int] = [], lerp: [Float] = []
            for i in 0..<output {
                let position = halfPixelCenters ? (Float(i) + 0.5) * scale - 0.5 : Float(i) * scale
                let floor = position.rounded(.down)
                lower.append(Swift.max(Int(floor), 0))
                upper.append(Swift.min(Int(position.rounded(.up)), input - 1))
                lerp.append(position - floor)
            }
            return (lower, upper, lerp)
        }
        (xLower, xUpper, xLerp) = weights(g.outputWidth, g.inputWidth)
        (yLower, yUpper, yLerp) = weights(g.outputHeight, g.inputHeight)
    }

    /// Resizes `input` `[N, IH, IW, C]` into `output` `[N, OH, OW, C]`.
    public func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let g = geometry
        let pointers = UncheckedSendable((input: input, output: output))
        xLower.withUnsafeBufferPointer { xLower in
            xUpper.withUnsafeBufferPointer { xUpper in
                xLerp.withUnsafeBufferPointer { xLerp in
                    let columns = UncheckedSendable((lower: xLower, upper: xUpper, lerp: xLerp))
                    g.forEachBand(context) { first, count in
                        for row in first..<(first + count) {
                            resizeRow(row, input: pointers.value.input, output: pointers.value.output,
                                      xLower: columns.value.lower, xUpper: columns.value.upper, xLerp: columns.value.lerp)
                        }
                    }
                }
            }
        }
    }

    /// One output row (over the batch): `top + (bottom - top) * yLerp` of the two horizontally interpolated input
    /// rows, eight channels at a time where there are eight.
    @inline(__always)
    private func resizeRow(_ row: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                           xLower: UnsafeBufferPointer<Int>, xUpper: UnsafeBufferPointer<Int>, xLerp: UnsafeBufferPointer<Float>) {
        let g = geometry, c = g.channels
        let n = row / g.outputHeight, y = row - n * g.outputHeight
        let image = input + n * g.inputHeight * g.inputWidth * c
        let top = UnsafeRawPointer(image + yLower[y] * g.inputWidth * c)
        let bottom = UnsafeRawPointer(image + yUpper[y] * g.inputWidth * c)
        let yl = yLerp[y]
        let yl8 = SIMD8<Float>(repeating: yl)
        let out = UnsafeMutableRawPointer(output + row * g.outputWidth * c)
        let vectorEnd = c - c % 8
        for x in 0..<g.outputWidth {
            let left = xLower[x] * c * 4, right = xUpper[x] * c * 4, xl = xLerp[x]
            let xl8 = SIMD8<Float>(repeating: xl)
            let pixel = x * c * 4
            var k = 0
            while k < vectorEnd {
                let offset = k * 4
                let topLeft = top.loadUnaligned(fromByteOffset: left + offset, as: SIMD8<Float>.self)
                let topRight = top.loadUnaligned(fromByteOffset: right + offset, as: SIMD8<Float>.self)
                let bottomLeft = bottom.loadUnaligned(fromByteOffset: left + offset, as: SIMD8<Float>.self)
                let bottomRight = bottom.loadUnaligned(fromByteOffset: right + offset, as: SIMD8<Float>.self)
                let upper = topLeft + (topRight - topLeft) * xl8
                let lower = bottomLeft + (bottomRight - bottomLeft) * xl8
                out.storeBytes(of: upper + (lower - upper) * yl8, toByteOffset: pixel + offset, as: SIMD8<Float>.self)
                k += 8
            }
            while k < c {
                let offset = k * 4
                let topLeft = top.load(fromByteOffset: left + offset, as: Float.self)
                let topRight = top.load(fromByteOffset: right + offset, as: Float.self)
                let bottomLeft = bottom.load(fromByteOffset: left + offset, as: Float.self)
                let bottomRight = bottom.load(fromByteOffset: right + offset, as: Float.self)
                let upper = topLeft + (topRight - topLeft) * xl
                let lower = bottomLeft + (bottomRight - bottomLeft) * xl
                out.storeBytes(of: upper + (lower - upper) * yl, toByteOffset: pixel + offset, as: Float.self)
                k += 1
            }
        }
    }
}

/// TensorFlow's `ResizeNearestNeighbor` of NHWC images of any element type: output pixel `(y, x)` copies input
/// pixel `(f(y * scale), f(x * scale))` (half-pixel centers: `(y + 0.5) * scale`), where `f` rounds half away from
/// zero with `align_corners` and rounds down otherwise, clamped to the image.
public struct ResizeNearestKernel: Sendable {
    public let geometry: ResizeGeometry
    /// The threads the kernel runs on.
    public let context: ComputeContext
    /// Input column of each output column, and input row of each output row (within an image).
    private let xSource: [Int], ySource: [Int]

    public init(geometry g: ResizeGeometry, alignCorners: Bool, halfPixelCenters: Bool, context: ComputeContext = .singleThreaded) {
        geometry = g
        self.context = context
        func sources(_ output: Int, _ input: Int) -> [Int] {
            let scale = ResizeGeometry.scale(input: input, output: output, alignCorners: alignCorners)
            return (0..<output).map { i in
                let position = halfPixelCenters ? (Float(i) + 0.5) * scale : Float(i) * scale
                var index = Swift.min(Int(alignCorners ? position.rounded() : position.rounded(.down)), input - 1)
                if halfPixelCenters { index = Swift.max(0, index) }
                return index
            }
        }
        xSource = sources(g.outputWidth, g.inputWidth)
        ySource = sources(g.outputHeight, g.inputHeight)
    }

    /// Resizes `input` `[N, IH, IW, C]` into `output` `[N, OH, OW, C]`, elements of `elementSize` bytes.
    public func run(input: UnsafeRawPointer, output: UnsafeMutableRawPointer, elementSize: Int) {
        let g = geometry
        let pixelBytes = g.channels * elementSize
        let pointers = UncheckedSendable((input: input, output: output))
        g.forEachBand(context) { first, count in
            for row in first..<(first + count) {
                let n = row / g.outputHeight, y = row - n * g.outputHeight
                let source = pointers.value.input + ((n * g.inputHeight + ySource[y]) * g.inputWidth) * pixelBytes
                let destination = pointers.value.output + row * g.outputWidth * pixelBytes
                for x in 0..<g.outputWidth {
                    memcpy(destination + x * pixelBytes, source + xSource[x] * pixelBytes, pixelBytes)
                }
            }
        }
    }
}

/// TensorFlow's `ResizeArea` of float32 NHWC images: each output pixel is the average of the input area it covers,
/// input pixels weighted by the fraction of them inside it, with TensorFlow's weights and order of summation.
public struct ResizeAreaKernel: Sendable {
    public let geometry: ResizeGeometry
    /// The threads the kernel runs on.
    public let context: ComputeContext
    /// Per output column: first and end (exclusive) input column and the weights of the first and last.
    private let xStart: [Int], xEnd: [Int], xStartScale: [Float], xEndScale: [Float]
    /// Per output row (within an image): first and end input row and the weight of every row in between.
    private let yStart: [Int], yEnd: [Int], yScales: [[Float]]
    /// `1 / (heightScale * widthScale)`.
    private let scale: Float

    public init(geometry g: ResizeGeometry, alignCorners: Bool, context: ComputeContext = .singleThreaded) {
        geometry = g
        self.context = context
        let heightScale = ResizeGeometry.scale(input: g.inputHeight, output: g.outputHeight, alignCorners: alignCorners)
        let widthScale = ResizeGeometry.scale(input: g.inputWidth, output: g.outputWidth, alignCorners: alignCorners)
        /// The weight of input cell `v` in the output cell spanning `[low, high)`.
        func weight(_ v: Int, _ low: Float, _ high: Float, _ cellScale: Float) -> Float {
            Float(v) < low ? (Float(v + 1) > high ? cellScale : Float(v + 1) - low)
                           : (Float(v + 1) > high ? high - Float(v) : 1)
        }
        var xStart: [Int] = [], xEnd: [Int] = [], xStartScale: [Float] = [], xEndScale: [Float] = []
        for x in 0..<g.outputWidth {
            let low = Float(x) * widthScale, high = Float(x + 1) * widthScale
            let start = Int(low.rounded(.down)), end = Int(high.rounded(.up))
            xStart.append(start)
            xEnd.append(end)
            xStartScale.append(weight(start, low, high, widthScale))
            xEndScale.append(weight(end - 1, low, high, widthScale))
        }
        var yStart: [Int] = [], yEnd: [Int] = [], yScales: [[Float]] = []
        for y in 0..<g.outputHeight {
            let low = Float(y) * heightScale, high = Float(y + 1) * heightScale
            let start = Int(low.rounded(.down)), end = Int(high.rounded(.up))
            yStart.append(start)
            yEnd.append(end)
            yScales.append((start..<end).map { weight($0, low, high, heightScale) })
        }
        (self.xStart, self.xEnd, self.xStartScale, self.xEndScale) = (xStart, xEnd, xStartScale, xEndScale)
        (self.yStart, self.yEnd, self.yScales) = (yStart, yEnd, yScales)
        scale = Float(1.0 / Double(heightScale * widthScale))
    }

    /// Resizes `input` `[N, IH, IW, C]` into `output` `[N, OH, OW, C]`.
    public func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let g = geometry, c = g.channels
        let pointers = UncheckedSendable((input: input, output: output))
        @inline(__always) func bound(_ v: Int, _ limit: Int) -> Int { Swift.min(limit - 1, Swift.max(0, v)) }
        g.forEachBand(context) { first, count in
            for row in first..<(first + count) {
                let n = row / g.outputHeight, y = row - n * g.outputHeight
                let image = pointers.value.input + n * g.inputHeight * g.inputWidth * c
                let weights = yScales[y]
                var out = pointers.value.output + row * g.outputWidth * c
                for x in 0..<g.outputWidth {
                    let start = xStart[x], end = xEnd[x]
                    for k in 0..<c {
                        var sum: Float = 0
                        for (i, yWeight) in weights.enumerated() {
                            let line = image + bound(yStart[y] + i, g.inputHeight) * g.inputWidth * c + k
                            var sumY = line[bound(start, g.inputWidth) * c] * xStartScale[x]
                            if start + 1 != end {
                                var v = start + 1
                                while v < end - 1 {
                                    sumY += line[bound(v, g.inputWidth) * c]
                                    v += 1
                                }
                                sumY += line[bound(end - 1, g.inputWidth) * c] * xEndScale[x]
                            }
                            sum += sumY * yWeight
                        }
                        out[k] = sum * scale
                    }
                    out += c
                }
            }
        }
    }
}
