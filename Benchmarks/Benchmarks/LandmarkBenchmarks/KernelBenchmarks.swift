import Benchmark
import Kernels

/// The seed model's layer shapes (batch 1), as the graph runs them.
enum SeedShapes {
    /// A 3x3 VALID stride-1 convolution: input height, width, channels -> output channels.
    struct Convolution {
        let height: Int, width: Int, inputChannels: Int, outputChannels: Int
    }

    /// A 2x2 VALID max pool: input height, width, channels and stride.
    struct Pool {
        let height: Int, width: Int, channels: Int, stride: Int
    }

    static let convolutions: [Convolution] = [
        Convolution(height: 128, width: 128, inputChannels: 3, outputChannels: 32),
        Convolution(height: 63, width: 63, inputChannels: 32, outputChannels: 64),
        Convolution(height: 61, width: 61, inputChannels: 64, outputChannels: 64),
        Convolution(height: 29, width: 29, inputChannels: 64, outputChannels: 64),
        Convolution(height: 27, width: 27, inputChannels: 64, outputChannels: 64),
        Convolution(height: 12, width: 12, inputChannels: 64, outputChannels: 128),
        Convolution(height: 10, width: 10, inputChannels: 128, outputChannels: 128),
        Convolution(height: 7, width: 7, inputChannels: 128, outputChannels: 256),
    ]

    static let pools: [Pool] = [
        Pool(height: 126, width: 126, channels: 32, stride: 2),
        Pool(height: 59, width: 59, channels: 64, stride: 2),
        Pool(height: 25, width: 25, channels: 64, stride: 2),
        Pool(height: 8, width: 8, channels: 128, stride: 1),
    ]

    /// Dense layers: input features -> output features.
    static let denseLayers: [(inputs: Int, outputs: Int)] = [(6400, 1024), (1024, 136)]
}

/// One convolution ready to run: the kernel and its buffers.
struct ConvolutionFixture {
    let kernel: Conv2DKernel
    let input: FloatBuffer
    let output: FloatBuffer
    let scratch: FloatBuffer
    let filter: FloatBuffer
    let bias: FloatBuffer

    /// Runs the kernel `benchmark.scaledIterations` times.
    func measure(_ benchmark: Benchmark) {
        for _ in benchmark.scaledIterations {
            kernel.run(input: input.pointer, output: output.pointer, scratch: scratch.pointer)
        }
        blackHole(output.pointer[0])
    }
}

/// Registers `name`: `Conv2DKernel` with `algorithm` on `geometry`, bias and ReLU fused, weights and input a
/// pseudo-random pattern from `seed`.
func registerConvolutionBenchmark(_ name: String, geometry: Conv2DGeometry, seed: UInt64, threads: Int,
                                  algorithm: Conv2DAlgorithm) {
    let state = BenchmarkState<ConvolutionFixture>()
    Benchmark(name, configuration: BenchmarkSettings.kernelConfiguration) { benchmark in
        guard let fixture = state.value else { return benchmark.error("\(name): setup did not run") }
        fixture.measure(benchmark)
    } setup: {
        try geometry.validate()
        let filter = FloatBuffer(count: geometry.filterCount, seed: seed + 1, scale: 0.1)
        let bias = FloatBuffer(count: geometry.outputChannels, seed: seed + 2, scale: 0.1)
        let input = FloatBuffer(count: geometry.inputCount, seed: seed + 3)
        let kernel = Conv2DKernel(geometry: geometry, filter: filter.pointer, bias: bias.pointer, activation: .relu,
                                  algorithm: algorithm, context: ComputeContext(workerCount: threads))
        state.value = ConvolutionFixture(
            kernel: kernel, input: input, output: FloatBuffer(count: geometry.outputCount, seed: seed + 4),
            scratch: FloatBuffer(count: kernel.scratchCount, seed: seed + 5), filter: filter, bias: bias)
    } teardown: {
        state.value = nil
    }
}

/// `Conv2DKernel` with the im2col + GEMM algorithm on each seed convolution shape, bias and ReLU fused.
func registerConvolutionBenchmarks(threads: Int) {
    for (layer, shape) in SeedShapes.convolutions.enumerated() {
        let geometry = Conv2DGeometry(
            batch: 1, inputHeight: shape.height, inputWidth: shape.width, inputChannels: shape.inputChannels,
            outputHeight: shape.height - 2, outputWidth: shape.width - 2, outputChannels: shape.outputChannels,
            kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1,
            padTop: 0, padLeft: 0)
        registerConvolutionBenchmark(
            "Conv2D GEMM \(shape.height)x\(shape.width)x\(shape.inputChannels)->\(shape.outputChannels) (threads \(threads))",
            geometry: geometry, seed: UInt64(layer) * 16, threads: threads, algorithm: .im2colGEMM)
    }
}

func registerPoolBenchmarks(threads: Int) {
    for (index, shape) in SeedShapes.pools.enumerated() {
        let outputHeight = (shape.height - 2) / shape.stride + 1
        let outputWidth = (shape.width - 2) / shape.stride + 1
        let geometry = Pool2DGeometry(
            batch: 1, inputHeight: shape.height, inputWidth: shape.width, channels: shape.channels,
            outputHeight: outputHeight, outputWidth: outputWidth, windowHeight: 2, windowWidth: 2,
            strideHeight: shape.stride, strideWidth: shape.stride, padTop: 0, padLeft: 0)
        let state = BenchmarkState<(input: FloatBuffer, output: FloatBuffer)>()
        let context = ComputeContext(workerCount: threads)
        let name = "MaxPool 2x2 s\(shape.stride) \(shape.height)x\(shape.width)x\(shape.channels) (threads \(threads))"
        Benchmark(name, configuration: BenchmarkSettings.kernelConfiguration) { benchmark in
            guard let buffers = state.value else { return benchmark.error("\(name): setup did not run") }
            for _ in benchmark.scaledIterations {
                Pool2D.max(input: buffers.input.pointer, output: buffers.output.pointer, geometry: geometry,
                           context: context)
            }
            blackHole(buffers.output.pointer[0])
        } setup: {
            try geometry.validate()
            let seed = 1000 + UInt64(index) * 16
            state.value = (FloatBuffer(count: geometry.inputCount, seed: seed), FloatBuffer(count: geometry.outputCount, seed: seed + 1))
        } teardown: {
            state.value = nil
        }
    }
}

/// One dense layer ready to run on `rows` input rows.
struct DenseFixture {
    let kernel: DenseKernel
    let rows: Int
    let weights: FloatBuffer
    let bias: FloatBuffer
    let input: FloatBuffer
    let output: FloatBuffer
    /// The K-split scratch a planned step passes (batches only).
    let scratch: FloatBuffer?
}

/// `DenseKernel` on the seed model's two dense layers (weights `[K, N]` as TensorFlow stores them): at batch 1, and
/// at batch 16 with every other input feature zero in all rows, as the seed's dead features after its last ReLU
/// (46-53% of them), which the batch skips.
func registerDenseBenchmarks(threads: Int) {
    for (index, layer) in SeedShapes.denseLayers.enumerated() {
        for rows in [1, 16] {
            let state = BenchmarkState<DenseFixture>()
            let name = "Dense \(layer.inputs)->\(layer.outputs) batch \(rows) (threads \(threads))"
            Benchmark(name, configuration: BenchmarkSettings.kernelConfiguration) { benchmark in
                guard let fixture = state.value else { return benchmark.error("\(name): setup did not run") }
                for _ in benchmark.scaledIterations {
                    fixture.kernel.run(input: fixture.input.pointer, rows: fixture.rows, output: fixture.output.pointer,
                                       scratch: fixture.scratch?.pointer)
                }
                blackHole(fixture.output.pointer[0])
            } setup: {
                let seed = 2000 + UInt64(index) * 16
                let weights = FloatBuffer(count: layer.inputs * layer.outputs, seed: seed, scale: 0.05)
                let bias = FloatBuffer(count: layer.outputs, seed: seed + 1, scale: 0.1)
                let kernel = DenseKernel(inputFeatures: layer.inputs, outputFeatures: layer.outputs,
                                         weights: weights.pointer, weightsTransposed: false, bias: bias.pointer,
                                         activation: .relu, context: ComputeContext(workerCount: threads))
                let input = FloatBuffer(count: rows * layer.inputs, seed: seed + 2)
                if rows > 1 {
                    for row in 0..<rows {
                        for feature in stride(from: 0, to: layer.inputs, by: 2) {
                            input.pointer[row * layer.inputs + feature] = 0
                        }
                    }
                }
                let scratchCount = rows > 1 ? kernel.scratchCount(rows: rows) : 0
                state.value = DenseFixture(kernel: kernel, rows: rows, weights: weights, bias: bias, input: input,
                                           output: FloatBuffer(count: rows * layer.outputs, seed: seed + 3),
                                           scratch: scratchCount > 0 ? FloatBuffer(count: scratchCount, seed: seed + 4) : nil)
            } teardown: {
                state.value = nil
            }
        }
    }
}
