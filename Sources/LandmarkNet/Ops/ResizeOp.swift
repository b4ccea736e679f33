import Kernels
import Tensor

/// `ResizeBilinear`, `ResizeNearestNeighbor` and `ResizeArea` of NHWC images to a constant `[height, width]`,
/// with TensorFlow's `align_corners` and `half_pixel_centers` (not both, as TensorFlow requires; ResizeArea has no
/// half-pixel centers). Bilinear and area take float32 and give float32; nearest neighbour keeps the dtype.
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
        if method != .nearest { try inputs[0].expectFloat("the images") }
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
        return [TensorType(inputs[0].type.dtype, [g.batch, g.outputHeight, g.outputWidth, g.channels])]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let g = try geometry(inputs)
        switch method {
        case .bilinear:
            let kernel = ResizeBilinearKernel(geometry: g, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
            return ClosureKernel { io in kernel.run(input: io.floats(0), output: io.outputFloats(0)) }
        case .nearest:
            let kernel = ResizeNearestKernel(geometry: g, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
            let elementSize = inputs[0].type.dtype.byteSize
            return ClosureKernel { io in kernel.run(input: io.input(0), output: io.output(0), elementSize: elementSize) }
        case .area:
            let kernel = ResizeAreaKernel(geometry: g, alignCorners: alignCorners)
            return ClosureKernel { io in kernel.run(input: io.floats(0), output: io.outputFloats(0)) }
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
