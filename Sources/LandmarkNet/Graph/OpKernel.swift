/// The pointers one kernel invocation reads and writes.
struct KernelIO {
    let inputs: UnsafePointer<UnsafeRawPointer>
    let outputs: UnsafePointer<UnsafeMutableRawPointer>
    let scratch: UnsafeMutableRawPointer

    @inline(__always) func input(_ index: Int) -> UnsafeRawPointer { inputs[index] }
    @inline(__always) func output(_ index: Int) -> UnsafeMutableRawPointer { outputs[index] }
    @inline(__always) func floats(_ index: Int) -> UnsafePointer<Float> { inputs[index].assumingMemoryBound(to: Float.self) }
    @inline(__always) func outputFloats(_ index: Int) -> UnsafeMutablePointer<Float> {
        outputs[index].assumingMemoryBound(to: Float.self)
    }
}

/// The executable form of an op for fixed shapes. `run` cannot fail: everything is checked while planning.
protocol OpKernel: Sendable {
    /// Bytes of scratch memory `run` needs.
    var scratchBytes: Int { get }
    /// Computes the outputs.
    func run(_ io: KernelIO)
    /// Which algorithm the kernel runs, for ops that have several (shown by `landmark bench`); nil otherwise.
    var algorithm: String? { get }
    /// Bytes of weights each run reads when they are not the constant inputs as given (a Winograd filter is
    /// read in its transformed form); nil: the constant inputs' size.
    var weightBytesRead: Int? { get }
    /// Whether `run` reads constant input `index` from its inputs (false for one the kernel keeps in a form of
    /// its own): the plan keeps only the constants that are read alive.
    func readsConstantInput(_ index: Int) -> Bool
}

extension OpKernel {
    var scratchBytes: Int { 0 }
    var algorithm: String? { nil }
    var weightBytesRead: Int? { nil }
    func readsConstantInput(_ index: Int) -> Bool { true }
}

/// A kernel given as a closure over the pointers (for simple ops).
struct ClosureKernel: OpKernel {
    let scratchBytes: Int
    let body: @Sendable (KernelIO) -> Void

    init(scratchBytes: Int = 0, _ body: @escaping @Sendable (KernelIO) -> Void) {
        self.scratchBytes = scratchBytes
        self.body = body
    }

    func run(_ io: KernelIO) { body(io) }
}
