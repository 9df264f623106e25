"""What every serve test shares: one `asl serve` (port 0, the real port read from its
first line) with the mock config beside this file and a local Lambda stub, and boto3
clients configured as the README says."""
import http.server
import json
import os
import subprocess
import threading
import time
import unittest

import boto3
import botocore.config
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
ASL = os.environ.get("ASL_BIN", "asl")
ROLE = "arn:aws:iam::123456789012:role/StepFunctionsRole"


class LambdaStub(http.server.BaseHTTPRequestHandler):
    """The Lambda Invoke REST API, as `sam local start-lambda` serves it: `Echo` returns
    what it got with its name, `Boom` fails as a function error does, `Approver` answers
    the task token it is given (SendTaskSuccess) a moment after it returns."""

    calls = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        payload = json.loads(self.rfile.read(length) or b"null")
        name = self.path.split("/functions/")[1].split("/")[0]
        LambdaStub.calls.append((self.path, payload))
        if name == "Approver":
            token = payload["token"]
            answer = threading.Timer(0.05, lambda: client().send_task_success(
                taskToken=token, output=json.dumps({"approvedBy": "lambda"})))
            answer.start()
        if name == "Boom":
            body, error = {"errorType": "BoomError", "errorMessage": "it went boom"}, True
        else:
            body, error = {"function": name, "got": payload}, False
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if error:
            self.send_header("X-Amz-Function-Error", "Unhandled")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class Server:
    """One `asl serve` process for the whole run."""

    def __init__(self):
        self.stub = http.server.ThreadingHTTPServer(("127.0.0.1", 0), LambdaStub)
        threading.Thread(target=self.stub.serve_forever, daemon=True).start()
        stub_url = f"http://127.0.0.1:{self.stub.server_address[1]}"
        env = dict(os.environ, AWS_DEFAULT_REGION="us-east-1", AWS_ACCOUNT_ID="123456789012")
        env.pop("SFN_MOCK_CONFIG", None)
        self.process = subprocess.Popen(
            [ASL, "serve", "--port", "0", "--mock-config", os.path.join(HERE, "mock-config.json"),
             "--lambda-endpoint", stub_url],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on http://"):
            raise RuntimeError(f"asl serve did not start: {line!r} {self.process.stderr.read()}")
        self.url = line[len("listening on "):]
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.stub.shutdown()


SERVER = None


def server():
    global SERVER
    if SERVER is None:
        SERVER = Server()
    return SERVER


def client(**config):
    """A boto3 client as the README sets it up (inject_host_prefix=False for
    StartSyncExecution's `sync-` host)."""
    cfg = botocore.config.Config(inject_host_prefix=False, retries={"max_attempts": 1},
                                 read_timeout=70, **config)
    # Made on the calling thread (boto3's session is not thread-safe; its clients are).
    return boto3.client("stepfunctions", endpoint_url=server().url, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test", config=cfg)


def machine(sfn, name, definition, kind="STANDARD"):
    """Creates (or recreates) a machine; returns its ARN."""
    arn = f"arn:aws:states:us-east-1:123456789012:stateMachine:{name}"
    sfn.delete_state_machine(stateMachineArn=arn)
    return sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE,
                                    type=kind)["stateMachineArn"]


def wait_done(sfn, arn, timeout=20):
    """Polls DescribeExecution until the execution is no longer RUNNING."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        d = sfn.describe_execution(executionArn=arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.02)
    raise AssertionError(f"{arn} still running after {timeout}s")


def history(sfn, arn):
    return sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]


def wait_event(sfn, arn, kind, timeout=10):
    """The first history event of `kind`, once it is there."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for e in history(sfn, arn):
            if e["type"] == kind:
                return e
        time.sleep(0.02)
    raise AssertionError(f"no {kind} in {arn}")


def error_code(e):
    return e.response["Error"]["Code"]


class Case(unittest.TestCase):
    def assertApiError(self, code, call, *args, **kwargs):
        with self.assertRaises(ClientError) as raised:
            call(*args, **kwargs)
        self.assertEqual(error_code(raised.exception), code, raised.exception)
        return raised.exception


class Result(unittest.TextTestResult):
    """Ends the run with the plain line scripts/test.sh adds up."""


def main(modules):
    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.loadTestsFromName(m) for m in modules)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    if SERVER is not None:
        SERVER.stop()
    failed = len(result.failures) + len(result.errors)
    print(f"serve-python: {result.testsRun - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1
