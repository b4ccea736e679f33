import Tensor

/// A binary op of a map `[..., W, C]` and a constant of a few channels (`[C]`, `[1, 1, 1, C]`: an input
/// normalisation's mean and scale) runs one loop per pixel over C values, too short to vectorise. The constant is
/// repeated along W while planning (`[W, C]`, still broadcast over the leading axes), so that the op runs over rows
/// of `W * C` values: the same operation on the same values, so the same bits.
enum BroadcastWidening {
    /// Constants of at most this many channels are widened.
    static let maximumChannels = 16
    /// The widened constant holds at most this many elements.
    static let maximumElements = 8192

    static func run(_ work: inout WorkGraph) {
        for n in work.liveNodes() {
            guard let binary = work.nodes[n].op as? BinaryOp, !binary.typeName.hasPrefix("BiasAdd"),
                  let output = work.nodes[n].outputTypes.first, output.dtype == .float32, output.shape.count >= 2
            else { continue }
            let inputs = work.nodes[n].inputs
            let channels = output.shape[output.shape.count - 1], width = output.shape[output.shape.count - 2]
            guard channels > 1, channels <= maximumChannels, width > 1, width * channels <= maximumElements else { continue }
            for side in 0..<2 {
                let other = work.value(inputs[1 - side])
                guard let constant = work.value(inputs[side]).constant, other.constant == nil,
                      other.type.shape == output.shape, constant.dtype == .float32, constant.elementCount == channels,
                      constant.shape.last == channels, constant.shape.count <= output.shape.count,
                      let values = try? constant.scalars(as: Float.self) else { continue }
                var repeated: [Float] = []
                repeated.reserveCapacity(width * channels)
                for _ in 0..<width { repeated.append(contentsOf: values) }
                guard let widened = try? Tensor(shape: [width, channels], scalars: repeated) else { continue }
                var newInputs = inputs
                newInputs[side] = work.addConstant(widened, name: work.nodes[n].name + "/widened")
                let types = newInputs.map { work.value($0) }
                guard (try? binary.outputTypes(types)) == work.nodes[n].outputTypes else { continue }
                work.nodes[n].inputs = newInputs
                break
            }
        }
    }
}
