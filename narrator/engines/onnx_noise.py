"""Seeded noise for Piper models, so that a sentence always comes out the same.

A Piper (VITS) model draws Gaussian noise inside its graph (``RandomNormalLike``, for the latent speech
and for the durations), and ONNX Runtime seeds those draws once per session: the same sentence sounds
different each time, and what a worker spoke before changes it. Turning the noise off makes the output
fixed but flatter (the noise is part of how the voice was trained to sound). Instead each random node is
replaced by a lookup into a fixed table of Gaussian values, starting at an offset the caller passes as a
new graph input (``noise_offset``): the same text and offset give the same audio in any process, in any
order, and the model's own noise scales still apply.

The rewrite works on the protobuf wire format of the ModelProto, keeping every byte it does not touch:
only the graph's node list gains seven nodes per random node, and the graph gains two inputs (the offset
and the table, ``TABLE_INPUT``) and three initializers. That takes milliseconds for a 60 MB model and
needs no ``onnx`` package.

The weights are held apart from the graph (``SeededModel.weights``, arrays over the model's own bytes, given
to ONNX Runtime as external initializers): the graph ONNX Runtime parses is then under 1 MB instead of
60 MB, and the weights are not copied three times on their way into a session (joined into new bytes,
parsed by protobuf, copied into tensors). That is ~0.15 s less before `narrator read` is heard.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

OFFSET_INPUT = "noise_offset"
TABLE_INPUT = "narrator_noise_table"
"""The table is an input, not a weight: ``noise_table`` (~0.05 s) can then be computed while ONNX Runtime
builds the session, which needs no interpreter."""
TABLE_SIZE = 1 << 20
"""Gaussian values in the table (4 MB); longer tensors wrap around, far beyond a sentence's latent."""
TABLE_SEED = 20240917
_RANDOM_OP = b"RandomNormalLike"

_VARINT, _I64, _BYTES, _I32 = 0, 1, 2, 5
# Field numbers from onnx.proto.
_MODEL_GRAPH = 7
_GRAPH_NODE, _GRAPH_INITIALIZER, _GRAPH_INPUT = 1, 5, 11
_NODE_INPUT, _NODE_OUTPUT, _NODE_NAME, _NODE_OP_TYPE, _NODE_ATTRIBUTE = 1, 2, 3, 4, 5
_ATTR_NAME, _ATTR_I, _ATTR_TYPE, _ATTR_TYPE_INT = 1, 3, 20, 2
_TENSOR_DIMS, _TENSOR_DATA_TYPE, _TENSOR_NAME, _TENSOR_RAW = 1, 2, 8, 9
_TENSOR_EXTERNAL_DATA, _TENSOR_DATA_LOCATION, _EXTERNAL = 13, 14, 1
_ENTRY_KEY, _ENTRY_VALUE = 1, 2
_FLOAT, _INT64 = 1, 7
_DTYPES = {1: "<f4", 6: "<i4", 7: "<i8", 9: "?", 10: "<f2", 11: "<f8"}
"""ONNX tensor types whose raw data is held apart, by their numpy dtype."""
_APART = 1024
"""Bytes of raw data from which a tensor is held apart from the graph (small ones stay inline)."""
_VALUE_NAME, _VALUE_TYPE, _TYPE_TENSOR = 1, 2, 1
_TENSOR_ELEM, _TENSOR_SHAPE, _SHAPE_DIM, _DIM_VALUE = 1, 2, 1, 1


class ModelFormatError(ValueError):
    """The bytes are not an ONNX model this rewrite understands."""


def noise_table() -> np.ndarray:
    """The fixed Gaussian values (legacy RandomState: its stream is frozen across numpy versions)."""
    import numpy as np  # here and below, not at the top: `read` asks about voices without numpy

    return np.random.RandomState(TABLE_SEED).standard_normal(TABLE_SIZE).astype("<f4")


@dataclass(frozen=True)
class SeededModel:
    """A model with seeded noise, as ONNX Runtime takes it: the ModelProto, whose large tensors only
    name their data, and that data by tensor name (to add as external initializers)."""

    graph: bytes
    weights: dict[str, np.ndarray]


def seed_noise(model: bytes) -> SeededModel:
    """``model`` with its ``RandomNormalLike`` nodes drawing from the table at ``noise_offset``, its
    weights held apart (views of ``model``'s bytes, which must outlive them).

    Raises ModelFormatError when the bytes are not a model with a graph.
    """
    data = memoryview(model)  # slices of a memoryview share the model's bytes instead of copying them
    parts: list[memoryview] = []
    graph: memoryview | None = None
    for number, wire, start, value_start, end in _fields(data):
        if number == _MODEL_GRAPH and wire == _BYTES:
            graph = data[value_start:end]
        else:
            parts.append(data[start:end])
    if graph is None:
        raise ModelFormatError("no graph in the model")
    weights: dict[str, np.ndarray] = {}
    pieces = _rewrite_graph(graph, weights)
    header = _encode_varint(_MODEL_GRAPH << 3 | _BYTES) + _encode_varint(sum(len(p) for p in pieces))
    return SeededModel(b"".join([*parts, header, *pieces]), weights)


def _rewrite_graph(graph: memoryview, weights: dict[str, np.ndarray]) -> list[bytes | memoryview]:
    """The graph's fields, rewritten, as pieces to join; large initializers go into ``weights``."""
    out: list[bytes | memoryview] = []
    random_nodes = 0
    for number, wire, start, value_start, end in _fields(graph):
        if number == _GRAPH_NODE and wire == _BYTES:
            node = graph[value_start:end]
            # The byte search skips parsing the thousands of other nodes: half the rewrite's time.
            if _RANDOM_OP in node.tobytes() and _op_type(node) == "RandomNormalLike":
                # In place, so the node list stays in topological order.
                out.append(_table_lookup(node, random_nodes))
                random_nodes += 1
                continue
        elif number == _GRAPH_INITIALIZER and wire == _BYTES:
            held = _hold_apart(graph[value_start:end], weights)
            if held is not None:
                out.append(held)
                continue
        out.append(graph[start:end])
    if random_nodes:
        out += [
            _length_field(_GRAPH_INITIALIZER, _int64_scalar("narrator_noise_size", TABLE_SIZE)),
            _length_field(_GRAPH_INITIALIZER, _int64_scalar("narrator_zero", 0)),
            _length_field(_GRAPH_INITIALIZER, _int64_scalar("narrator_one", 1)),
        ]
    # The inputs exist even without random nodes, so callers always pass them.
    out.append(_length_field(_GRAPH_INPUT, _tensor_input(OFFSET_INPUT, _INT64, 1)))
    out.append(_length_field(_GRAPH_INPUT, _tensor_input(TABLE_INPUT, _FLOAT, TABLE_SIZE)))
    return out


def _hold_apart(tensor: memoryview, weights: dict[str, np.ndarray]) -> bytes | None:
    """An initializer field naming its data, the data put into ``weights``; None for a tensor that
    stays as it is (small, or not plain dims, type, name and raw data)."""
    dims: list[int] = []
    data_type = name = raw = None
    for number, wire, _, value_start, end in _fields(tensor):
        if number == _TENSOR_DIMS and wire == _VARINT:
            dims.append(_varint(tensor, value_start)[0])
        elif number == _TENSOR_DATA_TYPE and wire == _VARINT:
            data_type = _varint(tensor, value_start)[0]
        elif number == _TENSOR_NAME and wire == _BYTES:
            name = bytes(tensor[value_start:end]).decode("utf-8")
        elif number == _TENSOR_RAW and wire == _BYTES:
            raw = tensor[value_start:end]
        else:
            return None
    if name is None or raw is None or len(raw) < _APART or data_type not in _DTYPES:
        return None
    import numpy as np

    values = np.frombuffer(raw, dtype=_DTYPES[data_type])
    if values.size != int(np.prod(dims, dtype=np.int64)):
        raise ModelFormatError(f"tensor {name}: {values.size} values for dims {dims}")
    weights[name] = values.reshape(dims)
    return _length_field(_GRAPH_INITIALIZER, _external(name, dims, data_type))


def _table_lookup(node: memoryview, index: int) -> bytes:
    """Nodes computing table[(offset + i) mod size] reshaped like the random node's input."""
    inputs = [value for number, value in _strings(node) if number == _NODE_INPUT]
    outputs = [value for number, value in _strings(node) if number == _NODE_OUTPUT]
    if len(inputs) != 1 or len(outputs) != 1:
        raise ModelFormatError("a RandomNormalLike node without one input and one output")
    p = f"narrator_noise{index}"
    steps = [
        ("Shape", [inputs[0]], [f"{p}_shape"], b""),
        ("ReduceProd", [f"{p}_shape"], [f"{p}_count"], _int_attribute("keepdims", 0)),
        ("Range", ["narrator_zero", f"{p}_count", "narrator_one"], [f"{p}_index"], b""),
        ("Add", [f"{p}_index", OFFSET_INPUT], [f"{p}_position"], b""),
        ("Mod", [f"{p}_position", "narrator_noise_size"], [f"{p}_wrapped"], b""),
        ("Gather", [TABLE_INPUT, f"{p}_wrapped"], [f"{p}_flat"], b""),
        ("Reshape", [f"{p}_flat", f"{p}_shape"], outputs, b""),
    ]
    return b"".join(
        _length_field(_GRAPH_NODE, _node(op, ins, outs, f"{p}_{op}", attributes))
        for op, ins, outs, attributes in steps
    )


# ---------------------------------------------------------------------------------------------- reading


def _varint(data: memoryview, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise ModelFormatError("truncated varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _fields(data: memoryview) -> Iterator[tuple[int, int, int, int, int]]:
    """(field number, wire type, start of the key, start of the value, end) of each top-level field."""
    pos = 0
    while pos < len(data):
        start = pos
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == _VARINT:
            _, end = _varint(data, pos)
            value_start = pos
        elif wire == _BYTES:
            length, value_start = _varint(data, pos)
            end = value_start + length
        elif wire == _I64:
            value_start, end = pos, pos + 8
        elif wire == _I32:
            value_start, end = pos, pos + 4
        else:
            raise ModelFormatError(f"unsupported wire type {wire}")
        if end > len(data) or number == 0:
            raise ModelFormatError("truncated or invalid protobuf")
        yield number, wire, start, value_start, end
        pos = end


def _strings(message: memoryview) -> Iterator[tuple[int, str]]:
    for number, wire, _, value_start, end in _fields(message):
        if wire == _BYTES and number in (_NODE_INPUT, _NODE_OUTPUT, _NODE_OP_TYPE):
            yield number, bytes(message[value_start:end]).decode("utf-8")


def _op_type(node: memoryview) -> str:
    return next((value for number, value in _strings(node) if number == _NODE_OP_TYPE), "")


# ---------------------------------------------------------------------------------------------- writing


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _varint_field(number: int, value: int) -> bytes:
    return _encode_varint(number << 3 | _VARINT) + _encode_varint(value)


def _length_field(number: int, payload: bytes) -> bytes:
    return _encode_varint(number << 3 | _BYTES) + _encode_varint(len(payload)) + payload


def _text_field(number: int, text: str) -> bytes:
    return _length_field(number, text.encode("utf-8"))


def _node(op: str, inputs: list[str], outputs: list[str], name: str, attributes: bytes) -> bytes:
    return (
        b"".join(_text_field(_NODE_INPUT, value) for value in inputs)
        + b"".join(_text_field(_NODE_OUTPUT, value) for value in outputs)
        + _text_field(_NODE_NAME, name)
        + _text_field(_NODE_OP_TYPE, op)
        + attributes
    )


def _int_attribute(name: str, value: int) -> bytes:
    body = _text_field(_ATTR_NAME, name) + _varint_field(_ATTR_I, value) + _varint_field(_ATTR_TYPE,
                                                                                          _ATTR_TYPE_INT)
    return _length_field(_NODE_ATTRIBUTE, body)


def _tensor(name: str, dims: list[int], data_type: int, raw: bytes) -> bytes:
    return (
        b"".join(_varint_field(_TENSOR_DIMS, dim) for dim in dims)
        + _varint_field(_TENSOR_DATA_TYPE, data_type)
        + _text_field(_TENSOR_NAME, name)
        + _length_field(_TENSOR_RAW, raw)
    )


def _external(name: str, dims: list[int], data_type: int) -> bytes:
    """A tensor whose data is given to ONNX Runtime apart from the model (an external initializer)."""
    location = _text_field(_ENTRY_KEY, "location") + _text_field(_ENTRY_VALUE, "narrator-weights")
    return (
        b"".join(_varint_field(_TENSOR_DIMS, dim) for dim in dims)
        + _varint_field(_TENSOR_DATA_TYPE, data_type)
        + _text_field(_TENSOR_NAME, name)
        + _length_field(_TENSOR_EXTERNAL_DATA, location)
        + _varint_field(_TENSOR_DATA_LOCATION, _EXTERNAL)
    )


def _int64_scalar(name: str, value: int) -> bytes:
    return _tensor(name, [], _INT64, struct.pack("<q", value))


def _tensor_input(name: str, element_type: int, length: int) -> bytes:
    shape = _length_field(_SHAPE_DIM, _varint_field(_DIM_VALUE, length))
    tensor = _varint_field(_TENSOR_ELEM, element_type) + _length_field(_TENSOR_SHAPE, shape)
    return _text_field(_VALUE_NAME, name) + _length_field(_VALUE_TYPE, _length_field(_TYPE_TENSOR, tensor))
