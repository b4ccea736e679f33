#!/usr/bin/env python3
"""Freeze the MTCNN networks shipped by the PyPI package `mtcnn` 1.0.0 (MIT) into TensorFlow GraphDefs.

Each network (P-Net, R-Net, O-Net) is rebuilt in graph mode from plain TF ops with the package's trained weights
taken from its own Keras models, layer by layer, so the structure is exactly the package's:

    P-Net  input [1, None, None, 3] -> conv 3x3 (10) -> PReLU -> maxpool 2x2/2 SAME -> conv 3x3 (16) -> PReLU
           -> conv 3x3 (32) -> PReLU -> conv 1x1 (4) = box_regression, conv 1x1 (2) + softmax = face_probability
    R-Net  input [None, 24, 24, 3] -> conv 3x3 (28) -> PReLU -> maxpool 3x3/2 SAME -> conv 3x3 (48) -> PReLU
           -> maxpool 3x3/2 VALID -> conv 2x2 (64) -> PReLU -> transpose H<->W -> flatten -> dense 128 -> PReLU
           -> dense 4 = box_regression, dense 2 + softmax = face_probability
    O-Net  input [None, 48, 48, 3] -> conv 3x3 (32) -> PReLU -> maxpool 3x3/2 SAME -> conv 3x3 (64) -> PReLU
           -> maxpool 3x3/2 VALID -> conv 3x3 (64) -> PReLU -> maxpool 2x2/2 SAME -> conv 2x2 (128) -> PReLU
           -> transpose H<->W -> flatten -> dense 256 -> PReLU -> dense 4 = box_regression,
           dense 10 = landmarks, dense 2 + softmax = face_probability

All convolutions are VALID, stride 1; PReLU is `Relu(x) + (-alpha) * Relu(Neg(x))` with `-alpha` stored as a
Const (the pattern Keras emits, which the engine fuses into one op).

Every frozen graph is then imported into a fresh tf.Graph and compared with the package's own Keras network on
random inputs (P-Net at several image sizes, R-Net/O-Net at several batch sizes): the maximum relative error
(max |diff| / max |reference|, per output) must be <= 1e-5 or the script fails.

Usage:
    /work/main/.venv/bin/python scripts/mtcnn/freeze_mtcnn.py            # writes Sources/FacePipeline/Resources/mtcnn
    /work/main/.venv/bin/python scripts/mtcnn/freeze_mtcnn.py --out DIR

Needs: pip install tensorflow-cpu==2.21.0 mtcnn==1.0.0 lz4
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import tensorflow as tf

from mtcnn.network.onet import ONet
from mtcnn.network.pnet import PNet
from mtcnn.network.rnet import RNet
from mtcnn.utils.tensorflow import load_weights

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "Sources" / "LandmarkNet" / "Resources" / "mtcnn"
TOLERANCE = 1e-5

INPUT_NAME = "input"
BOX_REGRESSION = "box_regression"
FACE_PROBABILITY = "face_probability"
LANDMARKS = "landmarks"


def package_network(kind: str) -> tf.keras.Model:
    """The package's own Keras network with its bundled weights, built exactly as its stages build it."""
    model = {"pnet": PNet, "rnet": RNet, "onet": ONet}[kind]()
    model.build()
    model.set_weights(load_weights(f"{kind}.lz4"))
    return model


class GraphBuilder:
    """Plain TF ops in the current default graph, weights as Consts (numpy arrays read from the Keras layers)."""

    def __init__(self, kind: str):
        self.kind = kind

    def const(self, value: np.ndarray, name: str) -> tf.Tensor:
        return tf.constant(np.asarray(value, dtype=np.float32), name=name)

    def conv(self, x, layer, name):
        kernel, bias = layer
        y = tf.nn.conv2d(x, self.const(kernel, f"{name}/kernel"), strides=[1, 1, 1, 1], padding="VALID",
                         name=f"{name}/Conv2D")
        return tf.nn.bias_add(y, self.const(bias, f"{name}/bias"), name=f"{name}/BiasAdd")

    def dense(self, x, layer, name):
        kernel, bias = layer
        y = tf.linalg.matmul(x, self.const(kernel, f"{name}/kernel"), name=f"{name}/MatMul")
        return tf.nn.bias_add(y, self.const(bias, f"{name}/bias"), name=f"{name}/BiasAdd")

    def prelu(self, x, layer, name):
        (alpha,) = layer
        with tf.name_scope(name):
            positive = tf.nn.relu(x, name="Relu")
            negative = tf.nn.relu(tf.math.negative(x, name="Neg"), name="Relu_1")
            scaled = tf.math.multiply(self.const(-alpha, "neg_alpha"), negative, name="mul")
            return tf.math.add(positive, scaled, name="add")

    @staticmethod
    def maxpool(x, size, padding, name):
        return tf.nn.max_pool2d(x, ksize=[1, size, size, 1], strides=[1, 2, 2, 1], padding=padding, name=name)

    @staticmethod
    def flatten_transposed(x, name):
        """Keras Permute((2, 1, 3)) then Flatten: swap H and W, then flatten W, H, C in C order."""
        _, h, w, c = x.shape
        t = tf.transpose(x, [0, 2, 1, 3], name=f"{name}/transpose")
        return tf.reshape(t, [-1, int(h) * int(w) * int(c)], name=f"{name}/Reshape")


def build_graph(kind: str, model: tf.keras.Model) -> tf.compat.v1.GraphDef:
    """The network as a frozen GraphDef (every weight a Const)."""
    # Weights are read eagerly first (Keras variables cannot be read inside a v1 graph).
    layers = {attr: [w.numpy() for w in layer.weights] for attr, layer in vars(model).items()
              if isinstance(layer, tf.keras.layers.Layer) and layer.weights}
    m = argparse.Namespace(**layers)
    graph = tf.Graph()
    b = GraphBuilder(kind)
    with graph.as_default():
        if kind == "pnet":
            x = tf.compat.v1.placeholder(tf.float32, [1, None, None, 3], name=INPUT_NAME)
            x = b.prelu(b.conv(x, m.conv1, "conv1"), m.prelu1, "prelu1")
            x = b.maxpool(x, 2, "SAME", "pool1")
            x = b.prelu(b.conv(x, m.conv2, "conv2"), m.prelu2, "prelu2")
            x = b.prelu(b.conv(x, m.conv3, "conv3"), m.prelu3, "prelu3")
            tf.identity(b.conv(x, m.conv4_1, "conv4-1"), name=BOX_REGRESSION)
            tf.identity(tf.nn.softmax(b.conv(x, m.conv4_2, "conv4-2"), axis=-1, name="conv4-2/Softmax"),
                        name=FACE_PROBABILITY)
        elif kind == "rnet":
            x = tf.compat.v1.placeholder(tf.float32, [None, 24, 24, 3], name=INPUT_NAME)
            x = b.prelu(b.conv(x, m.conv1, "conv1"), m.prelu1, "prelu1")
            x = b.maxpool(x, 3, "SAME", "pool1")
            x = b.prelu(b.conv(x, m.conv2, "conv2"), m.prelu2, "prelu2")
            x = b.maxpool(x, 3, "VALID", "pool2")
            x = b.prelu(b.conv(x, m.conv3, "conv3"), m.prelu3, "prelu3")
            x = b.flatten_transposed(x, "flatten3")
            x = b.prelu(b.dense(x, m.fc4, "fc4"), m.prelu4, "prelu4")
            tf.identity(b.dense(x, m.fc5_1, "fc5-1"), name=BOX_REGRESSION)
            tf.identity(tf.nn.softmax(b.dense(x, m.fc5_2, "fc5-2"), axis=-1, name="fc5-2/Softmax"),
                        name=FACE_PROBABILITY)
        elif kind == "onet":
            x = tf.compat.v1.placeholder(tf.float32, [None, 48, 48, 3], name=INPUT_NAME)
            x = b.prelu(b.conv(x, m.conv1, "conv1"), m.prelu1, "prelu1")
            x = b.maxpool(x, 3, "SAME", "pool1")
            x = b.prelu(b.conv(x, m.conv2, "conv2"), m.prelu2, "prelu2")
            x = b.maxpool(x, 3, "VALID", "pool2")
            x = b.prelu(b.conv(x, m.conv3, "conv3"), m.prelu3, "prelu3")
            x = b.maxpool(x, 2, "SAME", "pool3")
            x = b.prelu(b.conv(x, m.conv4, "conv4"), m.prelu4, "prelu4")
            x = b.flatten_transposed(x, "flatten4")
            x = b.prelu(b.dense(x, m.fc5, "fc5"), m.prelu5, "prelu5")
            tf.identity(b.dense(x, m.fc6_1, "fc6-1"), name=BOX_REGRESSION)
            tf.identity(b.dense(x, m.fc6_2, "fc6-2"), name=LANDMARKS)
            tf.identity(tf.nn.softmax(b.dense(x, m.fc6_3, "fc6-3"), axis=-1, name="fc6-3/Softmax"),
                        name=FACE_PROBABILITY)
        else:
            raise ValueError(kind)
    graph_def = graph.as_graph_def()
    ops = {node.op for node in graph_def.node}
    assert not ops & {"VariableV2", "VarHandleOp", "ReadVariableOp"}, ops
    return graph_def


def output_names(kind: str) -> list[str]:
    """The graph's outputs, in the order the package's Keras network returns them."""
    return [BOX_REGRESSION, LANDMARKS, FACE_PROBABILITY] if kind == "onet" else [BOX_REGRESSION, FACE_PROBABILITY]


def run_graph(graph_def: tf.compat.v1.GraphDef, feed: np.ndarray, outputs: list[str]) -> list[np.ndarray]:
    """Runs a serialized graph as an importer would: fresh tf.Graph, Session, no grappler rewrites."""
    graph = tf.Graph()
    with graph.as_default():
        tf.graph_util.import_graph_def(graph_def, name="")
    config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=1, inter_op_parallelism_threads=1)
    config.graph_options.rewrite_options.disable_meta_optimizer = True
    with tf.compat.v1.Session(graph=graph, config=config) as session:
        return session.run([f"{name}:0" for name in outputs], {f"{INPUT_NAME}:0": feed})


def relative_error(ours: np.ndarray, reference: np.ndarray) -> float:
    scale = float(np.max(np.abs(reference))) if reference.size else 0.0
    diff = float(np.max(np.abs(ours.astype(np.float64) - reference))) if reference.size else 0.0
    return diff / scale if scale > 0 else diff


def verification_inputs(kind: str, rng: np.random.Generator) -> list[np.ndarray]:
    """Random inputs in the networks' value range ((pixel - 127.5) / 128 lies in [-1, 1])."""
    if kind == "pnet":
        shapes = [(1, 12, 12, 3), (1, 13, 20, 3), (1, 57, 31, 3), (1, 96, 128, 3)]
    elif kind == "rnet":
        shapes = [(1, 24, 24, 3), (7, 24, 24, 3)]
    else:
        shapes = [(1, 48, 48, 3), (5, 48, 48, 3)]
    return [rng.uniform(-1.0, 1.0, size=shape).astype(np.float32) for shape in shapes]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    rng = np.random.default_rng(20240611)
    worst_overall = 0.0
    for kind in ["pnet", "rnet", "onet"]:
        model = package_network(kind)
        graph_def = build_graph(kind, model)
        data = graph_def.SerializeToString()
        reloaded = tf.compat.v1.GraphDef.FromString(data)
        outputs = output_names(kind)
        worst = 0.0
        for feed in verification_inputs(kind, rng):
            reference = [np.asarray(t) for t in model(feed)]
            ours = run_graph(reloaded, feed, outputs)
            for name, a, r in zip(outputs, ours, reference):
                if a.shape != r.shape:
                    print(f"{kind} {name}: shape {a.shape} != package {r.shape}", file=sys.stderr)
                    return 1
                worst = max(worst, relative_error(a, r))
        worst_overall = max(worst_overall, worst)
        path = args.out / f"{kind}.pb"
        path.write_bytes(data)
        status = "ok" if worst <= TOLERANCE else "FAILED"
        print(f"{kind}: {len(graph_def.node)} nodes, {len(data)} bytes, max relative error vs package {worst:.3g} {status}")
        if worst > TOLERANCE:
            return 1
    print(f"all networks within {TOLERANCE} (worst {worst_overall:.3g}); written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
