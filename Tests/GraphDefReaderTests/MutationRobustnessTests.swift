import XCTest
import GraphDefReader

/// Random byte corruption of a valid graph must end in a result or a `GraphDefError`, never a trap.
final class MutationRobustnessTests: XCTestCase {
    /// SplitMix64: deterministic so that a failure is reproducible.
    private struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func sampleGraph() -> [UInt8] {
        TF.graph(nodes: [
            TF.node("input", "Placeholder", attrs: [("shape", { w in w.message(7) { TF.shape([1, 4], into: &$0) } })]),
            TF.constNode("w", dtype: 1) { tensor in
                tensor.message(2) { TF.shape([4, 2], into: &$0) }
                tensor.packedFixed32(5, [Float(1).bitPattern, Float(2).bitPattern])
            },
            TF.constNode("b", dtype: 3) { tensor in
                tensor.message(2) { TF.shape([2], into: &$0) }
                tensor.data(4, [1, 0, 0, 0, 2, 0, 0, 0])
            },
            TF.node("mm", "MatMul", inputs: ["input", "w:0", "^b"], attrs: [
                ("transpose_a", { $0.varint(5, 0) }),
                ("l", { w in w.message(1) { $0.packedVarints(3, [1, 2]); $0.string(2, "x") } }),
            ]),
        ])
    }

    func testRandomMutationsNeverTrap() {
        let original = sampleGraph()
        var generator = SplitMix64(state: 0x5EED)
        var decodedCount = 0
        var failedCount = 0
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes[index] ^= 0x80
                default: bytes.insert(0xFF, at: index)
                }
            }
            do {
                let graph = try GraphDef(serializedBytes: bytes, limits: ReaderLimits(maxTensorBytes: 1 << 16))
                decodedCount += 1
                for case .tensor(let tensor)? in graph.nodes.map({ $0.attributes["value"] }) {
                    _ = try? tensor.elementBytes(maxBytes: 1 << 16)
                }
                for node in graph.nodes {
                    for input in node.inputs { _ = try? TensorReference(parsing: input) }
                }
            } catch {
                failedCount += 1
                XCTAssertFalse(error.description.isEmpty)
            }
        }
        // Both outcomes must occur, or the mutations are not exercising the decoder.
        XCTAssertGreaterThan(decodedCount, 0)
        XCTAssertGreaterThan(failedCount, 0)
    }
}
