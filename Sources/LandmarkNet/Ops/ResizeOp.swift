import Kernels
import Tensor

/// `ResizeBilinear`, `ResizeNearestNeighbor` and `ResizeArea` of NHWC images to a constant `[height, width]`,
/// with TensorFlow's `align_corners` and `half_pixel_centers` (not both, as TensorFlow requires; ResizeArea has no
/// half-pixel centers). Bilinear and area give float32 (from float32, float64 or integer images, each value
/// converted to float32 first, as TensorFlow does); nearest neighbour keeps the dtype.
struct ResizeOp: Operator {
    /// The interpolation.
    enum Method: Sendable {
        case bilinear, nearest, area
    }

    let typeName: String
    let method: Method
    let alignCorners: Bool
    let halfPixelCenters: Bool

    init(typeName: String, _ attributes: Attributes) throws {
        self.typeName = typeName
        switch typeName {
        case "ResizeBilinear": method = .bilinear
        case "ResizeNearestNeighbor": method = .nearest
        default: method = .area
        }
        alignCorners = try attributes.bool("align_corners", default: false)
        halfPixelCenters = method == .area ? false : try attributes.bool("half_pixel_centers", default: false)
        guard !(alignCorners && halfPixelCenters) else {
            throw OpError("If half_pixel_centers is True, align_corners must be False.")
        }
    }

    func geometry(_ inputs: [PlanValue]) throws -> ResizeGeometry {
        try inputs.expectCount(2)
        try inputs[0].expectRank(4, "the images")
        if method != .nearest, !ResizeOp.convertible.contains(inputs[0].type.dtype) {
            throw OpError("the images must be float32, float64 or an integer type, got \(inputs[0].type.dtype)")
        }
        let size = try inputs.constant(1, "size").integers()
        guard size.count == 2, size.allSatisfy({ $0 > 0 && $0 < Int(Int32.max) }) else {
            throw OpError("size \(size) must be two positive sizes [height, width]")
        }
        let x = inputs[0].type.shape
        guard x[1] > 0, x[2] > 0, x[1] < 1 << 24, x[2] < 1 << 24 else {
            throw OpError("input \(inputs[0].type) must have a height and width in 1..<2^24")
        }
        return ResizeGeometry(batch: x[0], inputHeight: x[1], inputWidth: x[2], channels: x[3],
                              outputHeight: size[0], outputWidth: size[1])
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let g = try geometry(inputs)
        let dtype = method == .nearest ? inputs[0].type.dtype : .float32
        return [TensorType(dtype, [g.batch, g.outputHeight, g.outputWidth, g.channels])]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let g = try geometry(inputs)
        let dtype = inputs[0].type.dtype, count = inputs[0].type.elementCount
        let run: @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
        switch method {
        case .nearest:
            let kernel = ResizeNearestKernel(geometry: g, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters,
                                             context: context)
            let elementSize = dtype.byteSize
            return ClosureKernel { io in kernel.run(input: io.input(0), output: io.output(0), elementSize: elementSize) }
        case .bilinear:
            let kernel = ResizeBilinearKernel(geometry: g, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters,
                                              context: context)
            run = { kernel.run(input: $0, output: $1) }
        case .area:
            let kernel = ResizeAreaKernel(geometry: g, alignCorners: alignCorners, context: context)
            run = { kernel.run(input: $0, output: $1) }
        }
        if dtype == .float32 { return ClosureKernel { io in run(io.floats(0), io.outputFloats(0)) } }
        // Other dtypes are converted to float32 in scratch first.
        return ClosureKernel(scratchBytes: count * MemoryLayout<Float>.size) { io in
            let floats = io.scratch.assumingMemoryBound(to: Float.self)
            ResizeOp.convert(io.input(0), dtype, count: count, into: floats)
            run(floats, io.outputFloats(0))
        }
    }

    /// The image dtypes bilinear and area resizing convert to float32.
    static let convertible: Set<DType> = [.float32, .float64, .uint8, .int8, .uint16, .int16, .int32, .int64]

    /// `output[i] = Float(input[i])` for `count` elements of a ``convertible`` dtype.
    static func convert(_ input: UnsafeRawPointer, _ dtype: DType, count: Int, into output: UnsafeMutablePointer<Float>) {
        func from<Element: BinaryInteger>(_: Element.Type) {
            let source = input.assumingMemoryBound(to: Element.self)
            for i in 0..<count { output[i] = Float(source[i]) }
        }
        switch dtype {
        case .uint8: from(UInt8.self)
        case .int8: from(Int8.self)
        case .uint16: from(UInt16.self)
        case .int16: from(Int16.self)
        case .int32: from(Int32.self)
        case .int64: from(Int64.self)
        case .float64:
            let source = input.assumingMemoryBound(to: Double.self)
            for i in 0..<count { output[i] = Float(source[i]) }
        default:
            output.update(from: input.assumingMemoryBound(to: Float.self), count: count)
        }
    }

    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int {
        let elements = outputs.first?.elementCount ?? 0
        switch method {
        case .bilinear: return 6 &* elements
        case .nearest: return 0
        case .area:
            guard let g = try? geometry(inputs) else { return 0 }
            let cells = (g.inputHeight / g.outputHeight + 2) * (g.inputWidth / g.outputWidth + 2)
            return 2 &* elements &* cells
        }
    }
}
