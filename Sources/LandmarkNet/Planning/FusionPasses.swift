import Kernels
import Tensor

/// The rewrites that make the planned graph cheaper to run, applied after constants are folded:
/// batch norms and per-channel affine maps folded into the weights of the convolution or dense layer before
/// them, biases and activations fused into it, the Keras PReLU pattern turned into one op (and fused into a
/// convolution before it when its slopes are per channel), zero `Pad`s folded into the convolution after them,
/// non-overlapping max pools computed inside the im2col convolution before them, the exact GELU's five ops
/// made one (``GELUFusion``), swish and hard-swish made activations (``SwishFusion``) that run inside the
/// convolution before them, and residual `Add`s run in the output pass of the convolution that produces one
/// operand (``ResidualAddFusion``); last, small per-channel constants of binary ops are repeated along the width
/// so that the op loops over long rows (``BroadcastWidening``).
enum FusionPasses {
    static func run(_ work: inout WorkGraph) throws {
        AtrousConvolutionFolding.run(&work)
        GELUFusion.run(&work)
        SwishFusion.run(&work)
        try PadFusion.run(&work)
        try fusePReLU(&work)
        var changed = true
        while changed {
            changed = false
            // Counted once per sweep and kept up to date by each fold (`moveReads`): recounting for every node
            // made planning quadratic in the graph's size.
            var reads = work.readCounts()
            for n in work.liveNodes() {
                if try foldBatchNorm(n, &work, &reads) || foldAffine(n, &work, &reads) || fuseActivation(n, &work, &reads)
                    || fusePReLUEpilogue(n, &work, &reads) || ResidualAddFusion.fuse(n, &work, &reads) {
                    changed = true
                }
            }
        }
        // Last: once a convolution is pooled, nothing more may be folded into it.
        var reads = work.readCounts()
        for n in work.liveNodes() { fuseMaxPool(n, &work, &reads) }
        // After every fold of per-channel constants into weights: a widened constant folds no more.
        BroadcastWidening.run(&work)
    }

    /// `MaxPool` with non-overlapping VALID windows (ksize == strides) that is the only reader of a `Conv2D`
    /// (with its bias and activation already fused) is computed inside the convolution while its output is in
    /// cache: on bands of GEMM rows (im2col), or on each output tile (Winograd, when the windows tile its 2x2
    /// or 4x4 tiles). The full-size convolution output is never stored.
    @discardableResult
    private static func fuseMaxPool(_ n: Int, _ work: inout WorkGraph, _ reads: inout [ValueRef: Int]) -> Bool {
        guard let pool = work.nodes[n].op as? Pool2DOp, pool.kind == .max, pool.padding == .valid,
              pool.window == pool.strides else { return false }
        let ref = work.nodes[n].inputs[0]
        guard ref.output == 0, reads[ref] == 1 else { return false }
        var producer = work.nodes[ref.node]
        guard !producer.isConstant, producer.feed == nil, var conv = producer.op as? Conv2DOp, conv.pool == nil, !conv.addsResidual,
              work.value(producer.inputs[1]).constant != nil else { return false }
        let inputs = producer.inputs.map { work.value($0) }
        let fused = FusedMaxPool(windowHeight: pool.window.0, windowWidth: pool.window.1)
        guard let g = try? conv.geometry(inputs), conv.algorithm(g).canFuse(fused) else { return false }
        conv.pool = fused
        guard let types = try? conv.outputTypes(inputs), types == work.nodes[n].outputTypes else { return false }
        producer.op = conv
        producer.outputTypes = types
        producer.fused.append(pool.typeName)
        work.nodes[ref.node] = producer
        work.replaceReads(of: ValueRef(node: n, output: 0), with: ref)
        moveReads(from: n, to: ref.node, &reads)
        return true
    }

    /// Updates `reads` after `consumer` was folded into `producer`: `consumer` no longer runs, and the reads of its
    /// output 0 now read `producer`'s. (Counts of constants may go stale; only non-constant values are looked up.)
    static func moveReads(from consumer: Int, to producer: Int, _ reads: inout [ValueRef: Int]) {
        let consumerOutput = ValueRef(node: consumer, output: 0)
        reads[ValueRef(node: producer, output: 0)] = reads[consumerOutput]
        reads[consumerOutput] = nil
    }

    // MARK: Producers that can absorb work

    /// A convolution or dense layer (MatMul with constant weights) whose output only `consumer` reads and that
    /// has no activation (nor PReLU) yet. A convolution that adds a residual operand absorbs only what runs after
    /// that sum (`allowsResidual`: an activation or PReLU), not a scale or shift of its weights.
    private static func absorbingProducer(of ref: ValueRef, _ work: WorkGraph, reads: [ValueRef: Int],
                                          allowsResidual: Bool = false) -> Int? {
        guard ref.output == 0, reads[ref] == 1 else { return nil }
        let node = work.nodes[ref.node]
        guard !node.isConstant, node.feed == nil else { return nil }
        guard let op = node.op as? any WeightedOperator, op.activation == .none,
              work.value(node.inputs[1]).constant != nil else { return nil }
        if let conv = op as? Conv2DOp, conv.pool != nil || (conv.addsResidual && !allowsResidual) { return nil }
        if let prelu = op as? any PReLUAbsorbingOperator, prelu.negativeSlopes != nil { return nil }
        if let matmul = op as? MatMulOp, matmul.transposeA { return nil }
        return ref.node
    }

    /// Output channels of an absorbing producer.
    private static func channels(_ producer: Int, _ work: WorkGraph) -> Int {
        work.nodes[producer].outputTypes[0].shape.last ?? 0
    }

    /// Multiplies the producer's weights per output channel by `scale` and sets its bias to `bias*scale + shift`.
    private static func applyAffine(_ producer: Int, scale: [Float]?, shift: [Float], _ work: inout WorkGraph, fusedName: String) throws {
        try applyAffine(producer, scale: scale?.map(Double.init), shift: shift.map(Double.init), &work, fusedName: fusedName)
    }

    /// As above, with the scale and shift in double precision: each folded weight and bias is rounded to float
    /// once (for a float scale the weights are the same as a float multiply gives).
    private static func applyAffine(_ producer: Int, scale: [Double]?, shift: [Double], _ work: inout WorkGraph, fusedName: String) throws {
        var node = work.nodes[producer]
        guard var op = node.op as? any WeightedOperator else { return }
        let channelCount = shift.count
        if let scale {
            let weights = work.value(node.inputs[1]).constant!
            var scaled = weights
            let transposed = op.weightsAreChannelMajor
            // A transposed convolution's filter is [KH, KW, N, OC']: its output channels are the third axis.
            let channelStride = op is Conv2DBackpropInputOp ? max(weights.shape.last ?? 1, 1) : 1
            scaled.withUnsafeMutableBytes { raw in
                let w = raw.bindMemory(to: Float.self)
                if transposed {
                    // [N, K]: row n scaled by scale[n].
                    let k = w.count / max(channelCount, 1)
                    for row in 0..<channelCount { for j in 0..<k { w[row * k + j] = Float(Double(w[row * k + j]) * scale[row]) } }
                } else {
                    // [..., N] (or [..., N, OC']): the output channel axis scaled.
                    for i in 0..<w.count { w[i] = Float(Double(w[i]) * scale[(i / channelStride) % channelCount]) }
                }
            }
            node.inputs[1] = work.addConstant(scaled, name: node.name + "/folded_weights")
        }
        var bias = try op.bias?.scalars(as: Float.self) ?? [Float](repeating: 0, count: channelCount)
        for c in 0..<channelCount { bias[c] = Float(Double(bias[c]) * (scale?[c] ?? 1) + shift[c]) }
        op.bias = try Tensor(shape: [channelCount], scalars: bias)
        node.op = op
        node.fused.append(fusedName)
        work.nodes[producer] = node
    }

    // MARK: Passes

    /// `FusedBatchNorm*` after a convolution or dense layer becomes a scale of its weights and a bias.
    private static func foldBatchNorm(_ n: Int, _ work: inout WorkGraph, _ reads: inout [ValueRef: Int]) throws -> Bool {
        guard let bn = work.nodes[n].op as? FusedBatchNormOp, bn.activation == .none else { return false }
        for k in 1..<bn.outputCount where reads[ValueRef(node: n, output: k)] != nil { return false }
        let inputs = work.nodes[n].inputs.map { work.value($0) }
        guard inputs[1...].allSatisfy({ $0.constant != nil }),
              let producer = absorbingProducer(of: work.nodes[n].inputs[0], work, reads: reads) else { return false }
        let (scale, shift) = try bn.exactAffine(inputs)
        guard scale.count == channels(producer, work) else { return false }
        try applyAffine(producer, scale: scale, shift: shift, &work, fusedName: bn.typeName)
        work.replaceReads(of: ValueRef(node: n, output: 0), with: ValueRef(node: producer, output: 0))
        moveReads(from: n, to: producer, &reads)
        return true
    }

    /// `BiasAdd`, `Add`, `AddV2`, `Sub` or `Mul` of a per-channel constant after a convolution or dense layer.
    private static func foldAffine(_ n: Int, _ work: inout WorkGraph, _ reads: inout [ValueRef: Int]) throws -> Bool {
        guard let binary = work.nodes[n].op as? BinaryOp,
              [.add, .sub, .mul].contains(binary.function) else { return false }
        let node = work.nodes[n]
        for (side, other) in [(0, 1), (1, 0)] {
            if binary.function == .sub && side == 1 { continue }  // c - x is not an affine of x we fold
            guard let constant = work.value(node.inputs[other]).constant, constant.dtype == .float32,
                  let producer = absorbingProducer(of: node.inputs[side], work, reads: reads) else { continue }
            let channelCount = channels(producer, work)
            // The constant must broadcast along the channel axis only: [], [1], [C], [1, ..., C].
            let shape = constant.shape
            guard shape.dropLast().allSatisfy({ $0 == 1 }), shape.count <= work.nodes[producer].outputTypes[0].shape.count,
                  shape.last == nil || shape.last == 1 || shape.last == channelCount else { continue }
            let values = try constant.scalars(as: Float.self)
            let perChannel = (0..<channelCount).map { values.count == 1 ? values[0] : values[$0] }
            switch binary.function {
            case .mul: try applyAffine(producer, scale: perChannel, shift: [Float](repeating: 0, count: channelCount), &work, fusedName: binary.typeName)
            case .sub: try applyAffine(producer, scale: nil, shift: perChannel.map { -$0 }, &work, fusedName: binary.typeName)
            default: try applyAffine(producer, scale: nil, shift: perChannel, &work, fusedName: binary.typeName)
            }
            work.replaceReads(of: ValueRef(node: n, output: 0), with: ValueRef(node: producer, output: 0))
            moveReads(from: n, to: producer, &reads)
            return true
        }
        return false
    }

    /// An activation after a convolution or dense layer runs inside it.
    private static func fuseActivation(_ n: Int, _ work: inout WorkGraph, _ reads: inout [ValueRef: Int]) throws -> Bool {
        guard let unary = work.nodes[n].op as? UnaryOp, let activation = unary.activation else { return false }
        if fuseBatchNormActivation(n, activation, &work, &reads) { return true }
        guard let producer = absorbingProducer(of: work.nodes[n].inputs[0], work, reads: reads, allowsResidual: true) else { return false }
        var node = work.nodes[producer]
        guard var op = node.op as? any WeightedOperator else { return false }
        op.activation = activation
        node.op = op
        node.fused.append(unary.typeName)
        work.nodes[producer] = node
        work.replaceReads(of: ValueRef(node: n, output: 0), with: ValueRef(node: producer, output: 0))
        moveReads(from: n, to: producer, &reads)
        return true
    }

    /// An activation after a batch norm that no convolution absorbed (DenseNet's and ResNet v2's pre-activation
    /// `FusedBatchNorm -> Relu`) runs in the batch norm's pass, when only the activation reads its result.
    private static func fuseBatchNormActivation(_ n: Int, _ activation: Activation, _ work: inout WorkGraph,
                                                _ reads: inout [ValueRef: Int]) -> Bool {
        let ref = work.nodes[n].inputs[0]
        guard ref.output == 0, reads[ref] == 1 else { return false }
        var node = work.nodes[ref.node]
        guard !node.isConstant, node.feed == nil, var bn = node.op as? FusedBatchNormOp, bn.activation == .none,
              node.inputs[1...].allSatisfy({ work.value($0).constant != nil }) else { return false }
        for k in 1..<bn.outputCount where reads[ValueRef(node: ref.node, output: k)] != nil { return false }
        bn.activation = activation
        node.op = bn
        node.fused.append(work.nodes[n].op.typeName)
        work.nodes[ref.node] = node
        work.replaceReads(of: ValueRef(node: n, output: 0), with: ref)
        moveReads(from: n, to: ref.node, &reads)
        return true
    }

    /// A `PReLU` with one slope per channel (alpha `[C]`, `[1, 1, C]`, a scalar, ...) after a convolution runs in
    /// its output pass.
    private static func fusePReLUEpilogue(_ n: Int, _ work: inout WorkGraph, _ reads: inout [ValueRef: Int]) throws -> Bool {
        guard let prelu = work.nodes[n].op as? PReLUOp,
              let producer = absorbingProducer(of: work.nodes[n].inputs[0], work, reads: reads, allowsResidual: true) else { return false }
        var node = work.nodes[producer]
        guard var op = node.op as? any PReLUAbsorbingOperator else { return false }
        let channelCount = channels(producer, work)
        let shape = prelu.alpha.shape
        guard prelu.alpha.dtype == .float32, shape.dropLast().allSatisfy({ $0 == 1 }),
              shape.count <= node.outputTypes[0].shape.count,
              shape.last == nil || shape.last == 1 || shape.last == channelCount else { return false }
        let values = try prelu.alpha.scalars(as: Float.self)
        let slopes = (0..<channelCount).map { values.count == 1 ? values[0] : values[$0] }
        op.negativeSlopes = try Tensor(shape: [channelCount], scalars: slopes)
        node.op = op
        node.fused.append(contentsOf: prelu.fused)
        work.nodes[producer] = node
        work.replaceReads(of: ValueRef(node: n, output: 0), with: ValueRef(node: producer, output: 0))
        moveReads(from: n, to: producer, &reads)
        return true
    }

    /// `Relu(x) + c * Relu(Neg(x))` (Keras' PReLU, c = -alpha) and `Relu(x) - alpha * Relu(Neg(x))` become `PReLU(x)`.
    private static func fusePReLU(_ work: inout WorkGraph) throws {
        func unary(_ ref: ValueRef, _ name: String) -> ValueRef? {
            let node = work.nodes[ref.node]
            guard ref.output == 0, !node.isConstant, node.feed == nil,
                  let op = node.op as? UnaryOp, op.typeName == name else { return nil }
            return node.inputs[0]
        }
        for n in work.liveNodes() {
            guard let add = work.nodes[n].op as? BinaryOp, add.function == .add || add.function == .sub else { continue }
            let inputs = work.nodes[n].inputs
            for (positiveSide, negativeSide) in [(0, 1), (1, 0)] {
                if add.function == .sub && positiveSide == 1 { continue }
                guard let x = unary(inputs[positiveSide], "Relu") else { continue }
                let mulNode = work.nodes[inputs[negativeSide].node]
                guard inputs[negativeSide].output == 0, !mulNode.isConstant, let mul = mulNode.op as? BinaryOp,
                      mul.function == .mul else { continue }
                for (constantSide, reluSide) in [(0, 1), (1, 0)] {
                    guard let c = work.value(mulNode.inputs[constantSide]).constant, c.dtype == .float32,
                          let negated = unary(mulNode.inputs[reluSide], "Relu"),
                          let source = unary(negated, "Neg"), source == x else { continue }
                    let values = try c.scalars(as: Float.self)
                    let alphaValues = add.function == .add ? values.map { -$0 } : values
                    let alpha = try Tensor(shape: c.shape, scalars: alphaValues)
                    let op = PReLUOp(alpha: alpha, fused: ["Relu", "Neg", "Relu", "Mul", add.typeName])
                    guard (try? op.outputTypes([work.value(x)])) == work.nodes[n].outputTypes else { continue }
                    work.nodes[n].op = op
                    work.nodes[n].inputs = [x]
                    work.nodes[n].fused = op.fused
                    break
                }
                if work.nodes[n].op is PReLUOp { break }
            }
        }
    }
}
