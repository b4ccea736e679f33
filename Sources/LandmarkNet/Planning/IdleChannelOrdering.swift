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
    /// channels (see ``idleCount(_:)``), and tells the consumer how many trail its input.
    static func apply(_ work: inout WorkGraph, zeroInputChannels: [String: [Bool]]) throws {
        for link in links(work) {
            guard var consumer = work.nodes[link.consumer].op as? Conv2DOp,
                  var producer = work.nodes[link.producer].op as? Conv2DOp,
                  let zero = zeroInputChannels[work.nodes[link.consumer].name],
                  let consumerFilter = work.value(work.nodes[link.consumer].inputs[1]).constant,
                  let producerFilter = work.value(work.nodes[link.producer].inputs[1]).constant,
                  consumerFilter.dtype == .float32, producerFilter.dtype == .float32,
                  consumerFilter.rank == 4, producerFilter.rank == 4,
                  consumerFilter.shape[2] == zero.count, producerFilter.shape[3] == zero.count,
                  // Bias and slopes hold one value per output channel, along their last axis.
                  [producer.bias, producer.negativeSlopes].allSatisfy({ tensor in
                      tensor.map { $0.dtype == .float32 && $0.rank > 0 && $0.elementCount == zero.count } ?? true
                  }) else { continue }
            let idle = idleCount(zero)
            guard idle > 0 else { continue }
            // The live channels in their order, then the idle ones.
            let order = zero.indices.filter { !zero[$0] } + zero.indices.filter { zero[$0] }
            let name = work.nodes[link.producer].name
            let producerRef = work.addConstant(try permute(producerFilter, axis: 3, order), name: name + "/reordered_filter")
            work.nodes[link.producer].inputs[1] = producerRef
            producer.bias = try producer.bias.map { try permute($0, axis: $0.rank - 1, order) }
            producer.negativeSlopes = try producer.negativeSlopes.map { try permute($0, axis: $0.rank - 1, order) }
            work.nodes[link.producer].op = producer
            let consumerName = work.nodes[link.consumer].name
            let consumerRef = work.addConstant(try permute(consumerFilter, axis: 2, order),
                                               name: consumerName + "/reordered_filter")
            work.nodes[link.consumer].inputs[1] = consumerRef
            consumer.idleInputChannels = idle
            work.nodes[link.consumer].op = consumer
        }
    }

    /// `tensor` (float32) with its `axis` reordered: index `j` of the result is index `order[j]` of `tensor`.
    static func permute(_ tensor: Tensor, axis: Int, _ order: [Int]) throws -> Tensor {
        let shape = tensor.shape
        guard tensor.dtype == .float32, axis < shape.count, shape[axis] == order.count,
              order.allSatisfy({ $0 >= 0 && $0 < order.count }) else {
            throw OpError("cannot reorder axis \(axis) of \(tensor) by \(order.count) indices")
        }
        let inner = shape[(axis + 1)...].reduce(1, *)
        let outer = shape[..<axis].reduce(1, *)
        let length = order.count
        let result = try Tensor(zeros: .float32, shape: shape)
        guard inner > 0, outer > 0 else { return result }
        let target = result.storage.base.assumingMemoryBound(to: Float.self)
        tensor.withUnsafeBytes { bytes in
            let source = bytes.baseAddress!.assumingMemoryBound(to: Float.self)
            for o in 0..<outer {
                for (j, i) in order.enumerated() {
                    (target + (o * length + j) * inner).update(from: source + (o * length + i) * inner, count: inner)
                }
            }
        }
        return result
    }
}
