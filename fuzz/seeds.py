"""Seed inputs of one fuzz target, written at run time (never committed): the project's
machines (samples/, the tests, ../shared/corpus) in the shape the target reads.

usage: python3 fuzz/seeds.py TARGET REPO_ROOT OUT_DIR
"""
import hashlib
import json
import os
import sys

target, root, out = sys.argv[1], sys.argv[2], sys.argv[3]
shared = os.environ.get("ASL_CORPUS_DIR") or os.path.join(root, "..", "shared", "corpus")


def machine_files():
    """Every .asl.json/.asl.yaml under the samples, the tests and the shared corpus."""
    for top in (os.path.join(root, "samples"), os.path.join(root, "tests"),
                os.path.join(root, "crates"), shared):
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in ("node_modules", "target")]
            for name in sorted(files):
                if name.endswith((".asl.json", ".asl.yaml", ".asl.yml")):
                    yield os.path.join(folder, name)


def inputs():
    """The samples' execution inputs, or one small object."""
    found = []
    for folder, _, files in os.walk(os.path.join(root, "samples")):
        if "input.json" in files:
            with open(os.path.join(folder, "input.json"), "rb") as f:
                found.append(f.read().strip())
    return found or [b'{"a": 1}']


def write(data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def expressions(value, found):
    """Paths, intrinsics and JSONata met in a machine's values (`x.$` members, `*Path`
    fields, Choice `Variable`s, `{% %}` strings)."""
    if isinstance(value, dict):
        for key, v in value.items():
            if isinstance(v, str) and (key.endswith(".$") or key.endswith("Path") or key == "Variable"
                                       or v.startswith("{%")):
                found.add(v.replace("\n", " "))
            expressions(v, found)
    elif isinstance(value, list):
        for v in value:
            expressions(v, found)


# Operations `asl serve` answers, each with a body that reaches past the member checks.
SERVE = [
    ("CreateStateMachine", {"name": "m", "roleArn": "arn:aws:iam::123456789012:role/r",
                            "definition": '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}'}),
    ("ListStateMachines", {"maxResults": 2}),
    ("DescribeStateMachine", {"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:m"}),
    ("StartExecution", {"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                        "input": "{}", "name": "e"}),
    ("StartSyncExecution", {"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:m"}),
    ("ListExecutions", {"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:m"}),
    ("GetExecutionHistory", {"executionArn": "arn:aws:states:us-east-1:123456789012:execution:m:e",
                             "reverseOrder": True}),
    ("ValidateStateMachineDefinition", {"definition": '{"StartAt":"P","States":{}}'}),
    ("TestState", {"definition": '{"Type":"Pass","End":true}', "input": "{}", "inspectionLevel": "DEBUG"}),
    ("TagResource", {"resourceArn": "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                     "tags": [{"key": "k", "value": "v"}]}),
    ("CreateActivity", {"name": "a"}),
    ("SendTaskSuccess", {"taskToken": "t", "output": "{}"}),
]

docs = []
for path in machine_files():
    with open(path, "rb") as f:
        docs.append(f.read())

if target in ("document", "check", "layout"):
    for d in docs:
        write(d)
elif target in ("edits", "delta"):
    # The document, then after a NUL the bytes `arbitrary` reads the edits from.
    for i, d in enumerate(docs):
        write(d + b"\0" + bytes((i * 7 + k) % 256 for k in range(24)))
elif target == "execution":
    samples = [d for d in docs if b"samples" in d or len(d) < 4000]
    for i, d in enumerate(samples):
        write(d + b"\0" + bytes((i * 13 + k) % 256 for k in range(32)))
elif target == "expr":
    found = set()
    for d in docs:
        try:
            expressions(json.loads(d), found)
        except ValueError:
            pass  # YAML and JSONC machines: the JSON ones hold the same expressions
    values = inputs()
    for i, e in enumerate(sorted(found)):
        write(e.encode() + b"\n" + values[i % len(values)])
elif target == "serve":
    for op, body in SERVE:
        write(op.encode() + b"\n" + json.dumps(body).encode())
    for d in docs[:40]:
        body = {"name": "m", "roleArn": "arn:aws:iam::123456789012:role/r", "definition": d.decode("utf-8", "replace")}
        write(b"CreateStateMachine\n" + json.dumps(body).encode())
