import Foundation
import LandmarkNet
import XCTest

/// Every crasher under `Tests/Fixtures/hostile/*.pb` loads (and, when it loads, runs on zero feeds) without
/// trapping: it either works or throws a one-line error naming the node and op at fault.
final class CrasherRegressionTests: XCTestCase {
    /// A crasher and what must happen to it now.
    struct Crasher {
        /// File name under Tests/Fixtures/hostile.
        var file: String
        /// The error must contain this (`node 'name' (Op)`), or nil when the graph is valid and must run.
        var error: String?
        /// Limits to load with (some crashers need limits above the defaults to reach the trap).
        var limits = ModelLimits()
    }

    static let crashers: [Crasher] = [
        // SAME output size computed as (input + stride - 1) / stride overflowed for a stride of Int64.max; the
        // window sweep of such a stride does not fit in Int either, so it is an error of the node.
        Crasher(file: "maxpool_same_stride_int64max.pb", error: "node 'pool' (MaxPool)"),
        // A SAME pool window of 2e9 x 2e9 overflowed the flop count while planning.
        Crasher(file: "maxpool_same_window_2e9.pb", error: nil),
        Crasher(file: "avgpool_same_window_2e9.pb", error: nil),
        // explicit_paddings of Int64.max overflowed input + before + after.
        Crasher(file: "conv2d_explicit_padding_overflow.pb", error: "node 'conv' (Conv2D)"),
        // An empty [0, 2^62 + 1] tensor passed the byte limit; concatenating three overflowed the axis sum.
        Crasher(file: "concat_empty_dims_overflow.pb", error: "node 'r' (Reshape)"),
        // Eight empty [0, 2^60] tensors concatenated: the axis sum overflowed (needs limits of Int.max bytes).
        Crasher(file: "concat_axis_sum_overflow.pb", error: "node 'c' (ConcatV2)",
                limits: ModelLimits(maxTensorBytes: .max, maxWeightBytes: .max, maxArenaBytes: .max)),
        // Two live MatMul outputs of 2^62 bytes each ([2^31, 0] x [0, 2^29]): the arena offsets overflowed while
        // planning memory (needs limits of Int.max bytes).
        Crasher(file: "arena_offset_overflow.pb", error: "more than the limit",
                limits: ModelLimits(maxTensorBytes: .max, maxWeightBytes: .max, maxArenaBytes: .max)),
        // An empty bool [0, Int64.max - 10] padded by 100 along its huge axis overflowed the padded size.
        Crasher(file: "pad_size_overflow.pb", error: "node 'pad' (Pad)",
                limits: ModelLimits(maxTensorBytes: .max, maxWeightBytes: .max, maxArenaBytes: .max)),
        // An empty [0, 2^40, 2^40, 1] tensor reached the max-pool kernel, whose window arithmetic overflowed.
        Crasher(file: "maxpool_empty_dims_2e40.pb", error: "node 'r' (Reshape)"),
        // begin = Int64.min: abs() of it trapped.
        Crasher(file: "strided_slice_begin_int64min.pb", error: "node 'ss' (StridedSlice)"),
        // A StridedSlice whose only input is a control input: its type was read from input 0 before the input
        // count was checked (found by FuzzGraphProgram; its bytes are Fuzz/Seeds/program/strided_slice_no_inputs).
        Crasher(file: "strided_slice_no_inputs.pb", error: "node 'ss' (StridedSlice): expects 4 inputs, got 0"),
        // An im2col row of 2^31 floats (filter [1,1,2^31,0], input [1,1,0,2^31]): Conv2DKernel's geometry check
        // trapped because the op never validated the geometry. Reachable once maxTensorBytes allows 8 GiB shapes.
        Crasher(file: "conv2d_patch_over_int32.pb", error: "node 'conv' (Conv2D)", limits: ModelLimits(maxTensorBytes: 1 << 40)),
        // Made by hand for the ops of issue 19 (each trapped before): Range from -(2^62 - 1) to 2^62 - 1 in steps of
        // 2^62 - 1 overflowed `span + step - 1` (it has 2 elements); a Range of 2^28 int64 was built while
        // inferring its type, before the tensor limit was checked.
        Crasher(file: "range_count_overflow.pb", error: nil),
        Crasher(file: "range_2e28_elements.pb", error: "node 'range' (Range): output int64[268435456] exceeds the tensor size limit"),
        // Slice with begin Int64.min and size -1: `size = shape - begin` overflowed.
        Crasher(file: "slice_begin_int64min.pb", error: "node 'slice' (Slice): begin"),
        // Slice, MirrorPad and SpaceToBatchND with only a control input read input 0 before counting the inputs.
        Crasher(file: "slice_no_inputs.pb", error: "node 'slice' (Slice): expects 3 inputs, got 0"),
        Crasher(file: "mirror_pad_no_inputs.pb", error: "node 'pad' (MirrorPad): expects 2 inputs, got 0"),
        Crasher(file: "space_to_batch_no_inputs.pb", error: "node 's2b' (SpaceToBatchND): expects 3 inputs, got 0"),
        // A StridedSlice stride of Int64.max on an axis yielding one element: the copy's byte stride overflowed.
        Crasher(file: "strided_slice_stride_int64max.pb", error: nil),
        // A Conv2DBackpropInput of constants folded while planning allocated its 64 GiB im2col scratch unchecked.
        Crasher(file: "conv2d_backprop_input_folded_scratch.pb", error: "node 'deconv' (Conv2DBackpropInput): folding it needs 68719476736 bytes of scratch"),
        // Function libraries made by hand (also fuzzing seeds): two functions calling each other, and 30 levels that
        // each call the next twice (2^30 leaf calls) — inlining must refuse the first and stop at maxNodes.
        Crasher(file: "function_mutual_recursion.pb", error: "function 'a' calls itself (a -> b -> a)"),
        Crasher(file: "function_fanout_2e30.pb", error: "more than 100000 nodes"),
    ]

    func testEveryCommittedCrasherIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: HostileFixtures.directory.path)
            .filter { $0.hasSuffix(".pb") && !["chains_3x1500.pb", "fanout_2000.pb"].contains($0) }  // hangs: DeepGraphTests
        XCTAssertEqual(Set(files), Set(Self.crashers.map(\.file)), "Tests/Fixtures/hostile/*.pb and this list differ")
    }

    func testCrashersNoLongerCrash() throws {
        for crasher in Self.crashers {
            let bytes = try HostileFixtures.bytes(crasher.file)
            let error = thrownError {
                let model = try Model(data: bytes, options: Model.Options(limits: crasher.limits))
                _ = try model.run(try zeroFeeds(model))
            }
            if let expected = crasher.error {
                let message = error.map { "\($0)" } ?? "no error"
                XCTAssertTrue(message.contains(expected), "\(crasher.file): '\(message)' does not name \(expected)")
                XCTAssertFalse(message.contains("\n"), "\(crasher.file): \(message)")
            } else {
                XCTAssertNil(error, "\(crasher.file): \(error.map { "\($0)" } ?? "")")
            }
        }
    }
}
