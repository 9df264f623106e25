#!/usr/bin/env python3
"""Builds the Actions catalogue from botocore's service models (stdlib only).

Usage: catalogue.py --version 1.44.18 --cache DIR --responses-version 1.40.0
                    --responses-cache DIR --out FILE

Downloads the pinned botocore wheel with pip into DIR unless it is there already (so only
the first build needs PyPI), reads every service's newest `service-2.json.gz` straight
from the wheel, and writes FILE: zlib streams back to back, an index first (services and
action summaries) and then one per service (its operations' inputs, errors and the shapes
they reach), so the app inflates only the services it shows.

Each operation's response shape (for TestState's mock checks) is read from the
`--responses-version` release instead: the one whose models AWS's TestState validated mock
results against when ../shared/conformance-teststate was recorded (build.rs says why).
Response shapes are stored under names starting with `<`, apart from the request shapes.
"""

import argparse
import gzip
import html
import json
import os
import re
import subprocess
import sys
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optimised  # noqa: E402

SCALARS = {"string", "integer", "long", "double", "float", "boolean", "timestamp", "blob"}
PATTERN_BITS = {"": 1, ".sync": 2, ".sync:2": 4, ".waitForTaskToken": 8}


def fail(message):
    sys.stderr.write("asl-catalogue: " + message + "\n")
    sys.exit(2)


def wheel_path(version, cache):
    wheel = os.path.join(cache, f"botocore-{version}-py3-none-any.whl")
    if os.path.exists(wheel):
        return wheel
    os.makedirs(cache, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", f"botocore=={version}", "--no-deps",
           "--only-binary=:all:", "-d", cache, "-q"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        fail(f"could not run pip to fetch botocore {version}: {e}. Install pip "
             "(scripts/setup.sh does: apt-get install python3-pip) or put the wheel in {cache}.")
    if done.returncode != 0 or not os.path.exists(wheel):
        fail(f"downloading botocore {version} from PyPI failed (no network?). Either connect "
             f"once and rebuild, or copy botocore-{version}-py3-none-any.whl into {cache} "
             f"(pip download botocore=={version} --no-deps -d {cache}).\n{done.stderr.strip()}")
    return wheel


def first_sentence(doc):
    """The documentation's first sentence as plain text."""
    if not doc:
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", " ", doc))
    text = re.sub(r"\s+", " ", text).strip()
    match = re.search(r"[.!?](\s|$)", text)
    if match:
        text = text[: match.start() + 1]
    return text if len(text) <= 240 else text[:237].rstrip() + "..."


def split_words(name):
    """The AWS SDK for Java v2's word split, which Step Functions' names follow."""
    s = re.sub(r"[^A-Za-z0-9]+", " ", name)
    s = re.sub(r"([^a-z]{2,})v([0-9]+)", r"\1 v\2 ", s)
    s = re.sub(r"([^A-Z]{2,})V([0-9]+)", r"\1 V\2 ", s)
    s = " ".join(re.split(r"(?<=[a-z])(?=[A-Z][a-zA-Z0-9])", s))
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", s)
    s = re.sub(r"([0-9])([a-zA-Z])", r"\1 \2", s)
    return s.split()


def pascal(name):
    return "".join(w[:1].upper() + w[1:].lower() for w in split_words(name))


def sdk_service_name(service_id):
    """`ACM PCA` -> `AcmPca`: Java v2's client name; lowercased it is the aws-sdk resource
    name (`acmpca`) and as is it prefixes the errors (`AcmPca.ResourceNotFoundException`)."""
    name = pascal(service_id)
    for prefix in ("Amazon", "Aws"):
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix):]
    if name.lower().endswith("service") and len(name) > 7:
        name = name[:-7]
    return name


def sdk_exception(shape):
    """Java v2's exception class name, which Step Functions uses for SDK integrations:
    `Fault` becomes `Exception` and `Exception` is added when missing."""
    if shape.endswith("Fault"):
        return pascal(shape[:-5]) + "Exception"
    if shape.endswith("Exception"):
        return pascal(shape)
    return pascal(shape) + "Exception"


def field_name(member):
    # Step Functions takes parameters in PascalCase, and `Equals` as `EqualsValue`.
    name = member[:1].upper() + member[1:]
    return "EqualsValue" if name == "Equals" else name


def lower_camel(op):
    return op[:1].lower() + op[1:]


class Service:
    def __init__(self, key, model):
        self.key = key
        self.model = model
        meta = model.get("metadata", {})
        self.service_id = meta.get("serviceId") or key
        self.full_name = meta.get("serviceFullName") or self.service_id
        self.sdk = sdk_service_name(self.service_id)
        self.shapes = {}  # compact shapes reached from the operations kept
        self.ops = {}
        self.model_ops = {}  # operation key -> the botocore operation it calls

    def compact(self, name, model=None, prefix=""):
        """Adds shape `name` of `model` (default: the service's) and everything it reaches
        to `self.shapes`, named with `prefix`. Prefixed shapes are responses: kept without
        documentation, they only serve mock checks."""
        docs = not prefix
        stack = [name]
        src = (model or self.model)["shapes"]
        while stack:
            n = stack.pop()
            if prefix + n in self.shapes or n not in src:
                continue
            s = src[n]
            t = s["type"]
            out = {"t": t}
            doc = first_sentence(s.get("documentation")) if docs else ""
            if doc:
                out["d"] = doc
            if t == "structure":
                if s.get("document"):
                    out["t"] = "json"
                else:
                    req = set(s.get("required", []))
                    members = []
                    for m, spec in s.get("members", {}).items():
                        entry = [field_name(m), prefix + spec["shape"], 1 if m in req else 0]
                        mdoc = first_sentence(spec.get("documentation")) if docs else ""
                        # A member's own doc only where it says more than its shape's.
                        same = not docs or mdoc == first_sentence(src.get(spec["shape"], {}).get("documentation"))
                        entry.append("" if same else mdoc)
                        members.append(entry)
                        stack.append(spec["shape"])
                    out["m"] = members
                    if s.get("union"):
                        out["u"] = 1
            elif t == "list":
                out["i"] = prefix + s["member"]["shape"]
                stack.append(s["member"]["shape"])
            elif t == "map":
                out["k"], out["v"] = prefix + s["key"]["shape"], prefix + s["value"]["shape"]
                stack += [s["key"]["shape"], s["value"]["shape"]]
            elif t not in SCALARS:
                out["t"] = "json"
            if "enum" in s:
                out["e"] = s["enum"]
            for bound in ("min", "max"):
                if isinstance(s.get(bound), (int, float)):
                    out[bound] = s[bound]
            self.shapes[prefix + n] = out

    def streams(self, op):
        """Whether the operation streams events: Step Functions cannot call those."""
        for ref in (op.get("input"), op.get("output")):
            shape = self.model["shapes"].get((ref or {}).get("shape", ""), {})
            for spec in shape.get("members", {}).values():
                if self.model["shapes"].get(spec["shape"], {}).get("eventstream"):
                    return True
        return False

    def add_op(self, key, op, op_name):
        errs = list(dict.fromkeys(e["shape"] for e in op.get("errors", [])))
        entry = {"e": errs, "je": [sdk_exception(e) for e in errs]}
        if op.get("input"):
            entry["i"] = op["input"]["shape"]
            self.compact(op["input"]["shape"])
        self.ops[key] = entry
        self.model_ops[key] = op_name

    def add_responses(self, model):
        """Each operation's response shape, from the responses release's model of this
        service (an operation it does not know gets none, and its mocks go unchecked)."""
        for key, op_name in self.model_ops.items():
            output = (model or {}).get("operations", {}).get(op_name, {}).get("output")
            if output:
                self.ops[key]["o"] = "<" + output["shape"]
                self.compact(output["shape"], model, "<")


def newest_models(wheel):
    zf = zipfile.ZipFile(wheel)
    newest = {}
    for name in zf.namelist():
        parts = name.split("/")
        if len(parts) == 5 and parts[:2] == ["botocore", "data"] and parts[4] == "service-2.json.gz":
            if parts[2] not in newest or parts[3] > newest[parts[2]][0]:
                newest[parts[2]] = (parts[3], name)
    return {k: json.loads(gzip.decompress(zf.read(v[1]))) for k, v in sorted(newest.items())}


def build(version, wheel, responses_wheel):
    services = {k: Service(k, m) for k, m in newest_models(wheel).items()}
    if len(services) < 100:
        fail(f"{wheel} holds only {len(services)} service models; delete it and rebuild")
    actions = []
    seen_sdk = set()
    # Optimised integrations first: search lists them before their aws-sdk twins.
    for res_svc, act, patterns, boto, op, kind in optimised.OPTIMISED:
        if boto is None:
            svc = services.setdefault(res_svc, Service(res_svc, {"shapes": {}, "metadata": {
                "serviceFullName": optimised.PSEUDO_SERVICES[res_svc][0],
                "serviceId": optimised.PSEUDO_SERVICES[res_svc][1]}}))
        else:
            svc = services[boto]
        key = "~" + act  # the request Step Functions takes under this optimised name
        if op is None:
            doc, members = optimised.CUSTOM[(res_svc, act)]
            svc.shapes.update(optimised.CUSTOM_SHAPES.get(res_svc, {}))
            shape = {"t": "structure", "d": doc, "m": []}
            for name, target, req, mdoc in members:
                if target in ("string", "integer", "boolean", "json"):
                    svc.shapes.setdefault("~" + target, {"t": target})
                    target = "~" + target
                else:
                    svc.compact(target)
                shape["m"].append([name, target, 1 if req else 0, mdoc])
            svc.shapes[key + "Request"] = shape
            svc.ops[key] = {"e": [], "je": [], "i": key + "Request"}
        else:
            model_op = svc.model["operations"][op]
            svc.add_op(key, model_op, op)
            doc = first_sentence(model_op.get("documentation"))
        prefix = optimised.ERROR_PREFIX.get(res_svc, svc.sdk)
        bits = sum(PATTERN_BITS[p] for p in patterns)
        actions.append([svc.key, kind, res_svc, act, key, bits, doc, prefix])
    for key, svc in services.items():
        if "operations" not in svc.model:
            continue
        name = svc.sdk.lower()
        if name in seen_sdk:
            continue  # two models of one client (never in practice; keep the first)
        seen_sdk.add(name)
        for op_name, op in sorted(svc.model["operations"].items()):
            if svc.streams(op):
                continue
            svc.add_op(op_name, op, op_name)
            doc = first_sentence(op.get("documentation"))
            # Request-response and callback: Step Functions runs no .sync for aws-sdk.
            actions.append([key, "sdk", name, lower_camel(op_name), op_name,
                            PATTERN_BITS[""] | PATTERN_BITS[".waitForTaskToken"], doc, ""])
    responses = newest_models(responses_wheel)
    for key, svc in services.items():
        svc.add_responses(responses.get(key))
    return services, actions


def write(version, services, actions, out):
    blobs, table = [], []
    offset = 0
    for key, svc in services.items():
        data = zlib.compress(json.dumps({"ops": svc.ops, "shapes": svc.shapes},
                                        separators=(",", ":")).encode(), 9)
        table.append({"key": key, "sdk": svc.sdk, "serviceId": svc.service_id,
                      "fullName": svc.full_name, "at": [offset, len(data)]})
        blobs.append(data)
        offset += len(data)
    index_of = {s["key"]: i for i, s in enumerate(table)}
    for a in actions:
        a[0] = index_of[a[0]]
    index = zlib.compress(json.dumps({"botocore": version, "services": table, "actions": actions,
                                      "extraErrors": {f"{s}:{a}": e for (s, a), e in optimised.EXTRA_ERRORS.items()}},
                                     separators=(",", ":")).encode(), 9)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(len(index).to_bytes(4, "little"))
        f.write(index)
        for b in blobs:
            f.write(b)
    os.replace(tmp, out)
    sdk = sum(1 for a in actions if a[1] == "sdk")
    print(f"catalogue: botocore {version}, {len(services)} services, {len(actions) - sdk} optimised "
          f"+ {sdk} sdk actions, {os.path.getsize(out)} bytes")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--version", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--responses-version", required=True)
    ap.add_argument("--responses-cache", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    wheel = wheel_path(args.version, args.cache)
    responses_wheel = wheel_path(args.responses_version, args.responses_cache)
    services, actions = build(args.version, wheel, responses_wheel)
    write(args.version, services, actions, args.out)


if __name__ == "__main__":
    main()
