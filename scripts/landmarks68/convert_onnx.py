"""Convert a trained 68-point face landmark CNN from ONNX (NCHW, as PyTorch exports it) to a frozen NHWC GraphDef
of landmark's op set, with the input scaling and channel order inside the graph.

The graph it writes looks like the seed model's: `input_image_tensor` uint8 [N, S, S, 3] (RGB, N free) ->
`logits/BiasAdd` float32 [N, 136], 68 (x, y) pairs in [0, 1] of the crop, iBUG 300-W order.

    .venv/bin/python scripts/landmarks68/convert_onnx.py pfld  ../shared/models/pfld68/pfld.onnx out/pfld68.pb
    .venv/bin/python scripts/landmarks68/convert_onnx.py peppa ../shared/models/peppa68/slim_160_latest.onnx out/peppa68.pb

What it does:
- every Conv becomes Conv2D (group 1) or DepthwiseConv2dNative (one group per channel) on NHWC, with OIHW weights
  transposed, ONNX's symmetric pads as explicit padding, and a following BatchNormalization folded into the weights
  and bias (in float64, rounded once);
- Relu, Add, Concat, zero Pad (dropped), AveragePool (VALID), ReduceMean, the Shape/Gather/Unsqueeze/Concat/Reshape
  flatten that PyTorch writes for `x.view(x.size(0), -1)`, and Gemm (MatMul + BiasAdd) are mapped with each
  tensor's axis permutation tracked, so that reductions, concatenations and flattens address the same data;
- the input is cast to float and normalized as the network was trained (PFLD: RGB, x / 255; Peppa: BGR,
  (x - 127) / 127); Peppa's extra 7 outputs (pose and classifiers) are left out of the final layer.

It then checks the frozen graph, run by TensorFlow, against onnxruntime on the original file: random crops (a batch
of 3) and real face crops, max relative error <= 1e-5; and writes the graph.
"""

import argparse
import sys

import numpy as np
import onnx
import onnxruntime as ort
import tensorflow as tf
from onnx import numpy_helper

NETWORKS = {
    # name: (input size, channel order, offset, divisor, outputs kept)
    "pfld": (112, "rgb", 0.0, 255.0, 136),
    "peppa": (160, "bgr", 127.0, 127.0, 136),
}


def attributes(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


class Converter:
    """Walks the ONNX graph in order and emits TensorFlow ops; `perm[name]` maps ONNX axes to TF axes."""

    def __init__(self, model):
        self.model = model
        self.weights = {i.name: numpy_helper.to_array(i).astype(np.float64) for i in model.graph.initializer}
        self.constants = {}
        self.tensors = {}
        self.perm = {}
        consumers = {}
        for node in model.graph.node:
            for name in node.input:
                consumers.setdefault(name, []).append(node)
        self.consumers = consumers
        self.folded = set()

    def folded_batch_norm(self, conv):
        """The BatchNormalization that alone reads `conv`'s output, if any."""
        readers = self.consumers.get(conv.output[0], [])
        if len(readers) == 1 and readers[0].op_type == "BatchNormalization":
            return readers[0]
        return None

    def conv(self, node):
        a = attributes(node)
        w = self.weights[node.input[1]]
        out_channels = w.shape[0]
        b = self.weights[node.input[2]] if len(node.input) > 2 and node.input[2] else np.zeros(out_channels)
        bn = self.folded_batch_norm(node)
        if bn is not None:
            gamma, beta, mean, var = (self.weights[n] for n in bn.input[1:5])
            eps = attributes(bn).get("epsilon", 1e-5)
            scale = gamma / np.sqrt(var + eps)
            w = w * scale[:, None, None, None]
            b = (b - mean) * scale + beta
            self.folded.add(bn.output[0])
        x = self.tensors[node.input[0]]
        assert self.perm[node.input[0]] == [0, 3, 1, 2], node.name
        group = a.get("group", 1)
        pads = a.get("pads", [0, 0, 0, 0])
        strides = a.get("strides", [1, 1])
        dilations = a.get("dilations", [1, 1])
        padding = "VALID" if not any(pads) else [[0, 0], [pads[0], pads[2]], [pads[1], pads[3]], [0, 0]]
        in_channels = x.shape[-1]
        if group == 1:
            kernel = tf.constant(w.transpose(2, 3, 1, 0).astype(np.float32))
            y = tf.nn.conv2d(x, kernel, strides=[1, *strides, 1], padding=padding, dilations=[1, *dilations, 1])
        elif group == in_channels and w.shape[1] == 1:
            multiplier = out_channels // in_channels
            kernel = w.reshape(in_channels, multiplier, *w.shape[2:]).transpose(2, 3, 0, 1)
            y = tf.nn.depthwise_conv2d(x, tf.constant(kernel.astype(np.float32)), strides=[1, *strides, 1],
                                       padding=padding, dilations=dilations)
        else:
            raise SystemExit(f"{node.name}: grouped convolution with {group} groups is not supported")
        y = tf.nn.bias_add(y, tf.constant(b.astype(np.float32)))
        name = bn.output[0] if bn is not None else node.output[0]
        self.tensors[name] = y
        self.perm[name] = [0, 3, 1, 2]

    def emit(self, node, keep_outputs):
        op = node.op_type
        a = attributes(node)
        out = node.output[0]
        if op == "Conv":
            self.conv(node)
        elif op == "BatchNormalization":
            if out not in self.folded:
                raise SystemExit(f"{node.name}: a batch norm that does not follow a convolution is not supported")
        elif op == "Relu":
            self.tensors[out] = tf.nn.relu(self.tensors[node.input[0]])
            self.perm[out] = self.perm[node.input[0]]
        elif op == "Add":
            lhs, rhs = node.input
            assert self.perm[lhs] == self.perm[rhs], node.name
            self.tensors[out] = tf.add(self.tensors[lhs], self.tensors[rhs])
            self.perm[out] = self.perm[lhs]
        elif op == "Pad":
            if any(a.get("pads", [])) or a.get("mode", b"constant") != b"constant":
                raise SystemExit(f"{node.name}: only zero-size Pad is supported")
            self.tensors[out] = self.tensors[node.input[0]]
            self.perm[out] = self.perm[node.input[0]]
        elif op == "AveragePool":
            x = self.tensors[node.input[0]]
            assert self.perm[node.input[0]] == [0, 3, 1, 2] and not any(a.get("pads", [0])), node.name
            k, s = a["kernel_shape"], a.get("strides", a["kernel_shape"])
            self.tensors[out] = tf.nn.avg_pool2d(x, ksize=[1, *k, 1], strides=[1, *s, 1], padding="VALID")
            self.perm[out] = [0, 3, 1, 2]
        elif op == "ReduceMean":
            x, perm = self.tensors[node.input[0]], self.perm[node.input[0]]
            axes = [ax % len(perm) for ax in a["axes"]]
            keep = bool(a.get("keepdims", 1))
            self.tensors[out] = tf.reduce_mean(x, axis=[perm[ax] for ax in axes], keepdims=keep)
            if keep:
                self.perm[out] = perm
            else:
                left = [perm[i] for i in range(len(perm)) if i not in axes]
                order = sorted(left)
                self.perm[out] = [order.index(t) for t in left]
        elif op == "Reshape":
            x, perm = self.tensors[node.input[0]], self.perm[node.input[0]]
            if node.input[1] in self.weights:
                raise SystemExit(f"{node.name}: only the flatten x.view(N, -1) is supported as Reshape")
            spatial = [d for i, d in enumerate(x.shape[1:], 1) if perm.index(i) != 1]
            if perm != list(range(len(perm))) and any(d != 1 for d in spatial):
                x = tf.transpose(x, perm)  # back to ONNX's order so the flatten reads the same elements
            features = int(np.prod(x.shape[1:]))
            self.tensors[out] = tf.reshape(x, [-1, features])
            self.perm[out] = [0, 1]
        elif op in ("Shape", "Gather", "Unsqueeze", "Constant"):
            pass  # only feed the flatten's target shape, which Reshape works out itself
        elif op == "Concat":
            if any(name not in self.tensors for name in node.input):
                return  # the flatten's shape arithmetic
            perms = [self.perm[name] for name in node.input]
            assert all(p == perms[0] for p in perms), node.name
            self.tensors[out] = tf.concat([self.tensors[n] for n in node.input], axis=perms[0][a["axis"]])
            self.perm[out] = perms[0]
        elif op == "Gemm":
            assert a.get("alpha", 1.0) == 1.0 and a.get("beta", 1.0) == 1.0 and not a.get("transA", 0), node.name
            x = self.tensors[node.input[0]]
            assert self.perm[node.input[0]] == [0, 1], node.name
            w = self.weights[node.input[1]]
            w = w.T if a.get("transB", 0) else w
            b = self.weights[node.input[2]]
            w, b = w[:, :keep_outputs], b[:keep_outputs]
            with tf.name_scope("logits"):
                y = tf.matmul(x, tf.constant(w.astype(np.float32)))
                y = tf.nn.bias_add(y, tf.constant(b.astype(np.float32)), name="BiasAdd")
            self.tensors[out] = y
            self.perm[out] = [0, 1]
        else:
            raise SystemExit(f"{node.name}: ONNX op {op} is not supported by this converter")


def build(model, network):
    size, order, offset, divisor, keep = NETWORKS[network]
    graph = tf.Graph()
    with graph.as_default():
        image = tf.compat.v1.placeholder(tf.uint8, [None, size, size, 3], name="input_image_tensor")
        x = tf.cast(image, tf.float32, name="input_to_float")
        if order == "bgr":
            x = x[..., ::-1]
        if offset:
            x = tf.subtract(x, offset)
        x = tf.math.divide(x, divisor, name="normalized")
        converter = Converter(model)
        source = model.graph.input[0].name
        converter.tensors[source] = x
        converter.perm[source] = [0, 3, 1, 2]
        for node in model.graph.node:
            converter.emit(node, keep)
        output = converter.tensors[model.graph.output[0].name]
        assert output.op.name == "logits/BiasAdd", output.op.name
    return graph.as_graph_def()


def onnx_reference(path, network, crops):
    size, order, offset, divisor, keep = NETWORKS[network]
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    x = crops.astype(np.float32)
    if order == "bgr":
        x = x[..., ::-1]
    x = ((x - offset) / divisor).transpose(0, 3, 1, 2).astype(np.float32)
    name = session.get_inputs()[0].name
    if session.get_inputs()[0].shape[0] == 1:
        return np.concatenate([session.run(None, {name: x[i:i + 1]})[0] for i in range(len(x))])[:, :keep]
    return session.run(None, {name: x})[0][:, :keep]


def run_graph(graph_def, crops):
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as session:
        return session.run("logits/BiasAdd:0", {"input_image_tensor:0": crops})


def check_crops(size):
    """Three random crops and two face crops cut from a committed photo."""
    from PIL import Image

    rng = np.random.default_rng(7)
    crops = [rng.integers(0, 256, (size, size, 3), dtype=np.uint8) for _ in range(3)]
    photo = np.asarray(Image.open("Tests/Fixtures/mtcnn/photos/grace_hopper.png").convert("RGB"))
    for (x, y, s) in [(180, 80, 220), (170, 70, 250)]:
        face = Image.fromarray(photo[y:y + s, x:x + s]).resize((size, size), Image.BILINEAR)
        crops.append(np.asarray(face))
    return np.stack(crops)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("network", choices=sorted(NETWORKS))
    parser.add_argument("onnx")
    parser.add_argument("output")
    args = parser.parse_args()
    model = onnx.load(args.onnx)
    graph_def = build(model, args.network)
    ops = sorted({node.op for node in graph_def.node})
    print("ops:", ", ".join(ops))
    size = NETWORKS[args.network][0]
    crops = check_crops(size)
    ours = run_graph(graph_def, crops)
    reference = onnx_reference(args.onnx, args.network, crops)
    error = np.abs(ours - reference).max() / np.abs(reference).max()
    print(f"max relative error against onnxruntime on {len(crops)} crops: {error:.2e}")
    if not error <= 1e-5:
        sys.exit(f"conversion error {error:.2e} is above 1e-5")
    with open(args.output, "wb") as f:
        f.write(graph_def.SerializeToString())
    print(f"wrote {args.output} ({len(graph_def.SerializeToString())} bytes)")


if __name__ == "__main__":
    main()
