import Foundation
import GraphDefReader
import Kernels
import LandmarkNet
import TestSupport
import XCTest

/// Builds small GraphDefs in code.
struct GraphBuilder {
    var nodes: [NodeDef] = []

    mutating func placeholder(_ name: String, _ type: DataType = .float, shape: [Int64]?) {
        var attributes: [String: AttrValue] = ["dtype": .type(type)]
        if let shape { attributes["shape"] = .shape(TensorShapeProto(dims: shape)) }
        nodes.append(NodeDef(name: name, op: "Placeholder", attributes: attributes))
    }

    mutating func const(_ name: String, _ values: [Float], shape: [Int64]) {
        let proto = TensorProto(dtype: .float, shape: TensorShapeProto(dims: shape), floatVal: values)
        nodes.append(NodeDef(name: name, op: "Const", attributes: ["dtype": .type(.float), "value": .tensor(proto)]))
    }

    mutating func constInt(_ name: String, _ values: [Int32], shape: [Int64]) {
        let proto = TensorProto(dtype: .int32, shape: TensorShapeProto(dims: shape), intVal: values)
        nodes.append(NodeDef(name: name, op: "Const", attributes: ["dtype": .type(.int32), "value": .tensor(proto)]))
    }

    mutating func op(_ name: String, _ op: String, _ inputs: [String], _ attributes: [String: AttrValue] = [:]) {
        var attributes = attributes
        if attributes["T"] == nil { attributes["T"] = .type(.float) }
        nodes.append(NodeDef(name: name, op: op, inputs: inputs, attributes: attributes))
    }

    func model() throws -> Model { try Model(graphDef: GraphDef(nodes: nodes)) }
}

/// The one-line description of the error `body` throws, or "no error".
func message(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch {
        return "\(error)"
    }
}

final class EngineTests: XCTestCase {

    func testAddWithBroadcastAndNamedOutputs() throws {
        var g = GraphBuilder()
        g.placeholder("x", shape: [-1, 3])
        g.const("c", [10, 20, 30], shape: [3])
        g.op("sum", "AddV2", ["x", "c"])
        g.op("out", "Relu", ["sum"])
        let model = try g.model()
        XCTAssertEqual(model.inputs.map(\.description), ["x: float32[?,3]"])
        XCTAssertEqual(model.outputs.map(\.name), ["out"])
        let x = try Tensor(shape: [2, 3], scalars: [Float](arrayLiteral: 1, -50, 3, 4, 5, -60))
        let result = try model.run(["x": x], outputs: ["out", "sum:0"])
        XCTAssertEqual(try result["out"]!.scalars(as: Float.self), [11, 0, 33, 14, 25, 0])
        XCTAssertEqual(try result["sum:0"]!.scalars(as: Float.self), [11, -30, 33, 14, 25, -30])
        // Another batch size gets its own plan.
        let y = try Tensor(shape: [1, 3], scalars: [Float](arrayLiteral: 0, 0, 0))
        XCTAssertEqual(try model.run(["x": y])["out"]!.scalars(as: Float.self), [10, 20, 30])
    }

    func testEveryUnsupportedOpIsListed() throws {
        var g = GraphBuilder()
        g.placeholder("x", shape: [2])
        g.op("a", "Digamma", ["x"])
        g.op("b", "Lgamma", ["a"])
        g.op("c", "Digamma", ["b"])
        let text = message { _ = try g.model() }
        XCTAssertTrue(text.contains("Digamma ('a', 'c')"), text)
        XCTAssertTrue(text.contains("Lgamma ('b')"), text)
        XCTAssertFalse(text.contains("\n"))
    }

    func testFeedErrorsNameTheInput() throws {
        var g = GraphBuilder()
        g.placeholder("image", .uint8, shape: [128, 128, 3])
        g.op("f", "Cast", ["image"], ["SrcT": .type(.uint8), "DstT": .type(.float)])
        let model = try g.model()
        let wrongShape = try Tensor(zeros: .uint8, shape: [64, 64, 3])
        XCTAssertEqual(message { _ = try model.run(["image": wrongShape]) },
                       "input 'image' expects shape [128,128,3], got [64,64,3]")
        let wrongType = try Tensor(zeros: .float32, shape: [128, 128, 3])
        XCTAssertEqual(message { _ = try model.run(["image": wrongType]) }, "input 'image' expects uint8, got float32")
        XCTAssertTrue(message { _ = try model.run([:]) }.contains("input 'image' (uint8[128,128,3]) was not fed"))
        XCTAssertTrue(message { _ = try model.run(["image": try Tensor(zeros: .uint8, shape: [128, 128, 3])], outputs: ["nope"]) }
            .contains("no node named 'nope'"))
        XCTAssertTrue(message { _ = try model.run(["image": try Tensor(zeros: .uint8, shape: [128, 128, 3])], outputs: ["f:3"]) }
            .contains("'f' has 1 outputs"))
        XCTAssertTrue(message { _ = try model.run(["other": wrongShape]) }.contains("not a placeholder"))
    }

    func testGraphErrorsAreFoundAtLoad() throws {
        var cycle = GraphBuilder()
        cycle.op("a", "Relu", ["b"])
        cycle.op("b", "Relu", ["a"])
        cycle.op("out", "Relu", ["a"])
        XCTAssertTrue(message { _ = try cycle.model() }.contains("cycle"))

        var missing = GraphBuilder()
        missing.op("a", "Relu", ["ghost"])
        XCTAssertEqual(message { _ = try missing.model() }, "<graph>: node 'a' (Relu): input 'ghost' names a node that does not exist")

        var badConv = GraphBuilder()
        badConv.placeholder("x", shape: [1, 4, 4, 2])
        badConv.const("w", [Float](repeating: 1, count: 5 * 5 * 2), shape: [5, 5, 2, 1])
        badConv.op("conv", "Conv2D", ["x", "w"], ["strides": .list(AttrList(ints: [1, 1, 1, 1])), "padding": .bytes(Array("VALID".utf8))])
        XCTAssertTrue(message { _ = try badConv.model() }.contains("node 'conv' (Conv2D): window 5 is larger than the input 4"))

        var zeroStride = GraphBuilder()
        zeroStride.placeholder("x", shape: [1, 4, 4, 2])
        zeroStride.op("pool", "MaxPool", ["x"], ["ksize": .list(AttrList(ints: [1, 2, 2, 1])), "strides": .list(AttrList(ints: [1, 0, 1, 1])),
                                                  "padding": .bytes(Array("VALID".utf8))])
        XCTAssertTrue(message { _ = try zeroStride.model() }.contains("node 'pool' (MaxPool)"))

        var wrongAttribute = GraphBuilder()
        wrongAttribute.placeholder("x", shape: [2])
        wrongAttribute.op("l", "LeakyRelu", ["x"], ["alpha": .int(3)])
        XCTAssertEqual(message { _ = try wrongAttribute.model() }, "<graph>: node 'l' (LeakyRelu): attribute 'alpha' must be a float")

        var selfInput = GraphBuilder()
        selfInput.op("a", "Relu", ["a"])
        XCTAssertTrue(message { _ = try selfInput.model() }.contains("cycle"))
    }

    func testPReLUPatternIsFusedAndCorrect() throws {
        var g = GraphBuilder()
        g.placeholder("x", shape: [1, 2, 2, 2])
        g.const("negalpha", [-0.25, -0.5], shape: [2])
        g.op("pos", "Relu", ["x"])
        g.op("negx", "Neg", ["x"])
        g.op("reluneg", "Relu", ["negx"])
        g.op("scaled", "Mul", ["negalpha", "reluneg"])
        g.op("out", "AddV2", ["pos", "scaled"])
        let model = try g.model()
        let x = try Tensor(shape: [1, 2, 2, 2], scalars: [Float](arrayLiteral: 1, -2, -4, 8, 0, -1, -3, 3))
        XCTAssertEqual(try model.run(["x": x])["out"]!.scalars(as: Float.self), [1, -1, -1, 8, 0, -0.5, -0.75, 3])
        let report = try model.benchmark(["x": x], iterations: 1, warmup: 0)
        XCTAssertEqual(report.nodes.map(\.op), ["PReLU"])
    }

    func testConcurrentRunsOnOneModel() throws {
        var g = GraphBuilder()
        g.placeholder("x", shape: [-1, 4])
        g.const("w", (0..<12).map(Float.init), shape: [4, 3])
        g.op("mm", "MatMul", ["x", "w"])
        g.op("out", "Relu", ["mm"])
        let model = try g.model()
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let rows = 1 + i % 5
            let values = (0..<(rows * 4)).map { Float(($0 + i) % 7) }
            var expected = [Float](repeating: 0, count: rows * 3)
            for r in 0..<rows {
                for c in 0..<3 {
                    var sum: Float = 0
                    for k in 0..<4 { sum += values[r * 4 + k] * Float(k * 3 + c) }
                    expected[r * 3 + c] = max(0, sum)
                }
            }
            do {
                let out = try model.run(["x": try Tensor(shape: [rows, 4], scalars: values)])["out"]!
                if try out.scalars(as: Float.self) != expected || out.shape != [rows, 3] { failures.increment() }
            } catch {
                failures.increment()
            }
        }
        XCTAssertEqual(failures.value, 0)
    }

    func testNotAFrozenGraphIsExplained() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("landmark-savedmodel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("variables"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.appendingPathComponent("saved_model.pb").path, contents: Data([0x08, 0x01]))
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = message { _ = try Model(contentsOf: directory) }
        XCTAssertTrue(text.lowercased().contains("savedmodel"), text)
        XCTAssertTrue(text.contains("freeze") || text.contains("convert_variables_to_constants"), text)
    }

    func testInspectionCountsAndCosts() throws {
        let url = TestPaths.fixtures.appendingPathComponent("seed_tf1/graph.pb")
        let inspection = try ModelInspection(contentsOf: url)
        XCTAssertEqual(inspection.inputs.first?.name, "input_image_tensor")
        XCTAssertEqual(inspection.outputs.first?.shape, [1, 136])
        XCTAssertEqual(inspection.opCounts["Conv2D"], 8)
        XCTAssertEqual(inspection.totalFlops / 1_000_000, 583)
        XCTAssertTrue(inspection.unsupported.isEmpty)
        // The flatten chain is folded away and bias/ReLU fused: 8 convs, 2 pools, 2 dense and the input cast run.
        // The 2x2 pools after conv 1 (im2col) and conv 3 (F(4x4): 2x2 windows tile its 4x4 tiles) are computed
        // inside them; conv 5 runs F(3x3), whose 3x3 tiles 2x2 windows do not tile, and the stride-1 pool
        // overlaps its windows: those two run on their own.
        XCTAssertEqual(inspection.nodes.count, 13)
        let convolutions = inspection.nodes.filter { $0.op == "Conv2D" }
        XCTAssertEqual(convolutions.map { $0.fused.last == "MaxPool" }, [true, false, true, false, false, false, false, false])
        XCTAssertEqual(convolutions.first?.shape, [1, 63, 63, 32])
        XCTAssertEqual(convolutions[2].shape, [1, 29, 29, 64])
        XCTAssertEqual(inspection.nodes.filter { $0.op == "MaxPool" }.count, 2)
        // Without Winograd, every stride-2 pool follows an im2col convolution and is fused.
        let gemmOnly = try ModelInspection(contentsOf: url, winograd: false)
        XCTAssertEqual(gemmOnly.nodes.filter { $0.fused.last == "MaxPool" }.count, 3)
    }

    /// `landmark bench` reports which algorithm each seed convolution runs: F(4x4) on the two large layers,
    /// F(3x3) on the two 27x27/25x25 ones, im2col on the small late layers, and on conv 1 (3 input channels) rows
    /// computed straight from the input where GEMM kernels can be generated (AVX2), else im2col.
    func testBenchmarkReportsConvolutionAlgorithms() throws {
        let url = TestPaths.fixtures.appendingPathComponent("seed_tf1/graph.pb")
        let input = try NPY.read(contentsOf: TestPaths.fixtures.appendingPathComponent("seed_tf1/input_image_tensor.npy"))
        let report = try Model(contentsOf: url).benchmark(["input_image_tensor": input], iterations: 1, warmup: 0)
        let algorithms = report.nodes.filter { $0.op == "Conv2D" }.map { $0.algorithm ?? "-" }
        let firstLayer = Self.firstLayerComputedByRows ? "rows" : "im2col"
        XCTAssertEqual(algorithms, [firstLayer, "Winograd F(4x4)", "Winograd F(4x4)", "Winograd F(3x3)", "Winograd F(3x3)",
                                    "im2col", "im2col", "im2col"])
        XCTAssertTrue(report.nodes.filter { $0.op != "Conv2D" }.allSatisfy { $0.algorithm == nil })
        // Weights read: the HWIO filter for im2col, the transformed one (n² planes of IC x OC) for Winograd.
        let weights = report.nodes.filter { $0.op == "Conv2D" }.map(\.weightBytes)
        XCTAssertEqual(weights[0], 3 * 3 * 3 * 32 * 4)
        XCTAssertEqual(weights[1], 36 * 32 * 64 * 4)
        XCTAssertEqual(weights[3], 25 * 64 * 64 * 4)
        XCTAssertEqual(weights[5], 3 * 3 * 64 * 128 * 4)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        XCTAssertTrue(json.contains("\"algorithm\":\"Winograd F(4x4)\""), json)
        let gemmOnly = try Model(contentsOf: url, options: Model.Options(winograd: false))
            .benchmark(["input_image_tensor": input], iterations: 1, warmup: 0)
        // Without Winograd the second layer (32 input channels: 96-float filter rows) is computed by rows too.
        XCTAssertEqual(gemmOnly.nodes.filter { $0.op == "Conv2D" }.map { $0.algorithm ?? "-" },
                       [firstLayer, firstLayer] + Array(repeating: "im2col", count: 6))
    }

    /// Whether the seed's first layer gets generated row kernels on this CPU.
    static var firstLayerComputedByRows: Bool {
        let g = Conv2DGeometry(batch: 1, inputHeight: 128, inputWidth: 128, inputChannels: 3, outputHeight: 126,
                               outputWidth: 126, outputChannels: 32, kernelHeight: 3, kernelWidth: 3, strideHeight: 1,
                               strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0)
        let filter = [Float](repeating: 0, count: g.filterCount)
        return filter.withUnsafeBufferPointer {
            Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: nil, activation: .relu, algorithm: .im2colGEMM,
                         pool: FusedMaxPool(windowHeight: 2, windowWidth: 2)).computesRowsDirectly
        }
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

final class UnknownSizeModelTests: XCTestCase {
    /// P-Net has an unknown height and width; probing it with 1x1 at load must not reject it.
    func testGraphWithUnknownSpatialSizeLoadsAndRuns() throws {
        let root = TestPaths.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        let model = try Model(contentsOf: root.appendingPathComponent("Sources/FacePipeline/Resources/mtcnn/pnet.pb"))
        XCTAssertEqual(model.inputs.first?.shape?.count, 4)
        let input = try Tensor(zeros: .float32, shape: [1, 30, 40, 3])
        let outputs = try model.run([model.inputs[0].name: input])
        XCTAssertFalse(outputs.isEmpty)
        // Too small an input is an error at run time, naming a node.
        let tiny = try Tensor(zeros: .float32, shape: [1, 2, 2, 3])
        XCTAssertThrowsError(try model.run([model.inputs[0].name: tiny])) { XCTAssertTrue("\($0)".contains("node '")) }
    }
}
