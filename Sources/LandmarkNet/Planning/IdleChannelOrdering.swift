import Tensor

/// Moves the input channels of a convolution that earlier runs found zero at every pixel to the end of its input,
/// so that its kernel can leave them out of its products.
///
/// Trained ReLU networks have dead units: channels that are zero for every input. The seed model's convolutions
/// get 5 of 32, 15 of 64, 16 of 64 and 22 of 64 such input channels, the same for faces and for noise. A
/// Winograd convolution's products reduce over its input channels, so dropping them saves their share of the
/// work, but only a contiguous range can be dropped from a GEMM.
///
/// A *link* is a convolution whose input is made by another convolution (through channel-wise pools) and read by
/// nothing else. Reordering the producer's output channels (its filter's columns, bias and PReLU slopes) and the
/// consumer's input channels (its filter's input rows) in the same way changes nothing else: each output channel
/// is computed alone, and the consumer sums the same products. The live channels keep their order, so the
/// consumer's sums over them are the same sums in the same order, and a run gives the same bits as before.
///
/// Which channels are idle is learned, not proven (bounds from the weights alone prove none on the seed model):
/// ``ExecutionPlan`` observes the links' inputs on its first run, ``Model`` replans with what it saw, and the
/// kernel checks on every run that the channels it leaves out are zero (see ``Conv2DKernel``'s
/// `idleInputChannels`), computing them when they are not.
enum IdleChannelOrdering {
    /// A convolution (`consumer`) reading the output of another (`producer`) through `pools`.
    struct Link {
        var consumer: Int
        var producer: Int
    }

    /// A convolution is reordered when at least this share of its input channels was idle: fewer would save
    /// less than the check on every run costs.
    static let minimumIdleFraction = 0.1

    /// The links of the live graph: convolutions that may run as Winograd (whose kernels can leave channels out),
    /// with a constant filter, whose input 0 is the only read of a convolution's output 0 or of a chain of pools
    /// over it, none of them a requested output.
    static func links(_ work: WorkGraph) -> [Link] {
        let reads = work.readCounts()
        var links: [Link] = []
        for n in work.liveNodes() {
            guard let consumer = work.nodes[n].op as? Conv2DOp, consumer.allowWinograd, consumer.negativeSlopes == nil,
                  work.nodes[n].inputs.count == 2, work.value(work.nodes[n].inputs[1]).constant != nil,
                  let geometry = try? consumer.geometry(work.nodes[n].inputs.map { work.value($0) }),
                  consumer.algorithm(geometry).isWinograd else { continue }
            var ref = work.nodes[n].inputs[0]
            while ref.output == 0, reads[ref] == 1, work.nodes[ref.node].op is Pool2DOp,
                  let source = work.nodes[ref.node].inputs.first {
                ref = source
            }
            guard ref.output == 0, reads[ref] == 1, let producer = work.nodes[ref.node].op as? Conv2DOp,
                  work.nodes[ref.node].inputs.count == 2,
                  producer.depthwiseForm(work.nodes[ref.node].inputs.map { work.value($0) }) == nil,
                  work.value(work.nodes[ref.node].inputs[1]).constant?.dtype == .float32,
                  producer.bias.map({ $0.dtype == .float32 }) ?? true,
                  producer.negativeSlopes.map({ $0.dtype == .float32 }) ?? true else { continue }
            links.append(Link(consumer: n, producer: ref.node))
        }
        return links
    }

    /// The number of idle channels in `zero` (per input channel, whether it was zero at every pixel of every
    /// observed run) when there are enough to reorder for, else 0.
    static func idleCount(_ zero: [Bool]) -> Int {
        let idle = zero.lazy.filter { $0 }.count
        return Double(idle) >= minimumIdleFraction * Double(zero.count) && idle < zero.count ? idle : 0
    }

    /// Reorders every link whose consumer's name has an observation in `zeroInputChannels` with enough idle
    /// channels (see ``idleCount(_:)``), and tells the consumer how many trail its input. A link whose tensors do
    /// not fit (a dtype, rank or size other than expected) is left as it is.
    static func apply(_ work: inout WorkGraph, zeroInputChannels: [String: [Bool]]) {
        for link in links(work) {
            guard var consumer = work.nodes[link.consumer].op as? Conv2DOp,
                  var producer = work.nodes[link.producer].op as? Conv2DOp,
                  let zero = zeroInputChannels[work.nodes[link.consumer].name],
                  let consumerFilter = work.value(work.nodes[link.consumer].inputs[1]).constant,
                  let producerFilter = work.value(work.nodes[link.producer].inputs[1]).constant,
                  consumerFilter.rank == 4, producerFilter.rank == 4 else { continue }
            let idle = idleCount(zero)
            guard idle > 0 else { continue }
            // The live channels in their order, then the idle ones.
            let order = zero.indices.filter { !zero[$0] } + zero.indices.filter { zero[$0] }
            // Every reordered tensor is made before any is used, so that a link is changed whole or not at all.
            // Bias and slopes hold one value per output channel, along their last axis.
            guard let reorderedProducerFilter = permute(producerFilter, axis: 3, order),
                  let reorderedConsumerFilter = permute(consumerFilter, axis: 2, order) else { continue }
            let bias = producer.bias.map { permute($0, axis: $0.rank - 1, order) }
            let slopes = producer.negativeSlopes.map { permute($0, axis: $0.rank - 1, order) }
            if bias.map({ $0 == nil }) ?? false || slopes.map({ $0 == nil }) ?? false { continue }
            producer.bias = bias ?? nil
            producer.negativeSlopes = slopes ?? nil
            let producerName = work.nodes[link.producer].name, consumerName = work.nodes[link.consumer].name
            work.nodes[link.producer].inputs[1] = work.addConstant(reorderedProducerFilter,
                                                                   name: producerName + "/reordered_filter")
            work.nodes[link.producer].op = producer
            work.nodes[link.consumer].inputs[1] = work.addConstant(reorderedConsumerFilter,
                                                                   name: consumerName + "/reordered_filter")
            consumer.idleInputChannels = idle
            work.nodes[link.consumer].op = consumer
        }
    }

    /// `tensor` (float32, with `order.count` entries along `axis`) with that axis reordered: index `j` of the result
    /// is index `order[j]` of `tensor`. Nil when the tensor does not fit.
    static func permute(_ tensor: Tensor, axis: Int, _ order: [Int]) -> Tensor? {
        let shape = tensor.shape
        guard tensor.dtype == .float32, axis >= 0, axis < shape.count, shape[axis] == order.count,
              order.allSatisfy({ $0 >= 0 && $0 < order.count }),
              let result = try? Tensor(zeros: .float32, shape: shape) else { return nil }
        let inner = shape[(axis + 1)...].reduce(1, *)
        let outer = shape[..<axis].reduce(1, *)
        let length = order.count
        guard inner > 0, outer > 0 else { return result }
        let target = result.storage.base.assumingMemoryBound(to: Float.self)
        tensor.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            let source = base.assumingMemoryBound(to: Float.self)
            for o in 0..<outer {
                for (j, i) in order.enumerated() {
                    (target + (o * length + j) * inner).update(from: source + (o * length + i) * inner, count: inner)
                }
            }
        }
        return result
    }
}
