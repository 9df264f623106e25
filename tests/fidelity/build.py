#!/usr/bin/env python3
"""Builds the fidelity cases (tests/fidelity/*.json) from LocalStack's AWS-recorded
snapshots, in the conformance case format (../shared/conformance/README.md).

Usage: build.py REPO_GIT_DIR SPEC.json OUT_DIR
SPEC: [{"name", "topic", "module" (test file, without .py, under tests/aws/services/stepfunctions/v2/),
        "test" (Class::test_id[param]), "template" (path under tests/aws/services/stepfunctions/templates/),
        "execution" (optional, which recorded execution: 0), "mocks" (optional), "note" (optional),
        "input" (optional: the real input where the snapshot replaced it by a placeholder; say so in "note"),
        "cause" (optional: the same for a cause)}]
The definition comes from the template, the input from the recorded ExecutionStarted
event, the outcome and per-state records from the recorded history.
"""
import json, re, subprocess, sys

def show(repo, commit, path):
    return subprocess.run(["git", "--git-dir", repo, "show", f"{commit}:{path}"],
                          check=True, capture_output=True, text=True).stdout

def json5(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1]); i = j + 1
        elif text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else n
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        else:
            out.append(c); i += 1
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", "".join(out)))

def parse_payload(s):
    try:
        return json.loads(s)
    except (TypeError, ValueError):
        return s

def main(repo, spec_file, out_dir):
    commit = subprocess.run(["git", "--git-dir", repo, "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    base = "tests/aws/services/stepfunctions"
    for spec in json.load(open(spec_file)):
        module = f"{base}/v2/{spec['module']}"
        snapshot = json.loads(show(repo, commit, module + ".snapshot.json"))
        key = f"{module}.py::{spec['test']}"
        content = snapshot[key]["recorded-content"]
        histories = [v for k, v in sorted(content.items()) if k.startswith("get_execution_history")]
        events = histories[spec.get("execution", 0)]["events"]
        definition = json5(show(repo, commit, f"{base}/templates/{spec['template']}"))
        started = events[0]["executionStartedEventDetails"]
        expect, states, open_states = {}, [], {}
        last = events[-1]
        if last["type"] == "ExecutionSucceeded":
            expect = {"status": "SUCCEEDED", "output": parse_payload(last["executionSucceededEventDetails"]["output"])}
        elif last["type"] == "ExecutionFailed":
            d = last.get("executionFailedEventDetails", {})
            expect = {"status": "FAILED"}
            for f in ("error", "cause"):
                if f in d:
                    expect[f] = d[f]
        else:
            expect = {"status": last["type"].replace("Execution", "").upper()}
        for e in events:
            if e["type"].endswith("StateEntered"):
                d = e["stateEnteredEventDetails"]
                rec = {"name": d["name"], "type": e["type"][: -len("StateEntered")], "input": parse_payload(d.get("input"))}
                open_states.setdefault(d["name"], []).append(rec); states.append(rec)
            elif e["type"].endswith("StateExited"):
                d = e["stateExitedEventDetails"]
                rec = open_states[d["name"]].pop(0)
                rec["output"] = parse_payload(d.get("output"))
                if "assignedVariables" in d:
                    rec["variables"] = {k: parse_payload(v) for k, v in d["assignedVariables"].items()}
        if "input" in spec:
            # The override stands for the recorded input wherever the states saw it unchanged.
            recorded = parse_payload(started["input"])
            for rec in states:
                for k in ("input", "output"):
                    if rec.get(k) == recorded:
                        rec[k] = spec["input"]
        ordered = not any(s["type"] in ("Parallel", "Map") for s in states)
        case = {
            "name": spec["name"], "topic": spec["topic"],
            "source": f"localstack@{commit} {key}",
            "definition": definition,
            "input": spec["input"] if "input" in spec else parse_payload(started["input"]),
            "expect": expect, "states": states, "states_ordered": ordered,
        }
        if "cause" in spec:
            expect["cause"] = spec["cause"]
        if "mocks" in spec:
            case["mocks"] = spec["mocks"]
        if "note" in spec:
            case["note"] = spec["note"]
        with open(f"{out_dir}/{spec['name']}.json", "w") as f:
            json.dump(case, f, indent=2, ensure_ascii=False)
            f.write("\n")

if __name__ == "__main__":
    main(*sys.argv[1:])
