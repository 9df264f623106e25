"""Errors as AWS names them, bad requests that must never hurt the server, the `sync-`
host, and 50 clients at once."""
import http.client
import json
import threading
import time

from common import ROLE, Case, client, machine, server, wait_done

SHORT_CALLBACK = {
    "StartAt": "Ask",
    "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                       "TimeoutSeconds": 1, "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
                       "End": True}},
}
FIVE_STATES = {
    "StartAt": "A",
    "States": {
        "A": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "Next": "B"},
        "B": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": 0, "Next": "C"}], "Default": "E"},
        "C": {"Type": "Pass", "Parameters": {"double.$": "States.MathAdd($.n, $.n)"}, "Next": "D"},
        "D": {"Type": "Succeed"},
        "E": {"Type": "Fail", "Error": "Negative"},
    },
}


def raw(body, target="AWSStepFunctions.ListStateMachines", method="POST", host=None, chunked=False):
    """One request as bytes on the wire; (status, parsed body)."""
    conn = http.client.HTTPConnection("127.0.0.1", server().port, timeout=30)
    h = {"Content-Type": "application/x-amz-json-1.0"}
    if target:
        h["X-Amz-Target"] = target
    if host:
        h["Host"] = host
    if chunked:
        h["Transfer-Encoding"] = "chunked"
        data = body
        body = (data[i:i + 65536] for i in range(0, len(data), 65536))
    conn.request(method, "/", body=body, headers=h, encode_chunked=chunked)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, json.loads(data) if data else None


class ApiErrors(Case):
    def test_every_error_name(self):
        sfn = client()
        arn = machine(sfn, "Errors", FIVE_STATES)
        missing = arn + "Missing"
        self.assertApiError("StateMachineDoesNotExist", sfn.start_execution, stateMachineArn=missing)
        self.assertApiError("ExecutionDoesNotExist", sfn.describe_execution,
                            executionArn="arn:aws:states:us-east-1:123456789012:execution:Errors:nope")
        sfn.start_execution(stateMachineArn=arn, name="once", input='{"n": 1}')
        self.assertApiError("ExecutionAlreadyExists", sfn.start_execution, stateMachineArn=arn, name="once", input='{"n": 2}')
        self.assertApiError("InvalidDefinition", sfn.create_state_machine, name="Bad", roleArn=ROLE,
                            definition='{"StartAt": "X", "States": {}}')
        self.assertApiError("InvalidDefinition", sfn.create_state_machine, name="Bad", roleArn=ROLE, definition="{not json")
        self.assertApiError("InvalidArn", sfn.describe_state_machine, stateMachineArn="not-an-arn")
        self.assertApiError("InvalidArn", sfn.describe_execution, executionArn=arn)
        self.assertApiError("InvalidName", sfn.start_execution, stateMachineArn=arn, name="has space")
        self.assertApiError("InvalidName", sfn.create_activity, name="a/b")
        self.assertApiError("ValidationException", sfn.list_executions, stateMachineArn=arn, statusFilter="DONE")
        self.assertApiError("InvalidExecutionInput", sfn.start_execution, stateMachineArn=arn, input="{oops")
        self.assertApiError("InvalidToken", sfn.send_task_success, taskToken="garbage", output="{}")
        self.assertApiError("TaskDoesNotExist", sfn.send_task_heartbeat, taskToken="00000000-0000-4000-8000-000000000000")
        self.assertApiError("ActivityDoesNotExist", sfn.get_activity_task,
                            activityArn="arn:aws:states:us-east-1:123456789012:activity:none")
        self.assertApiError("ResourceNotFound", sfn.list_tags_for_resource, resourceArn=missing)
        self.assertApiError("StateMachineTypeNotSupported", sfn.start_sync_execution, stateMachineArn=arn)

    def test_late_answer_to_a_timed_out_task(self):
        sfn = client()
        arn = machine(sfn, "Slow", SHORT_CALLBACK)
        e = sfn.start_execution(stateMachineArn=arn)["executionArn"]
        from test_compat import token_of
        token = token_of(sfn, e)
        d = wait_done(sfn, e, timeout=10)
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.Timeout"))
        self.assertApiError("TaskTimedOut", sfn.send_task_success, taskToken=token, output="{}")

    def test_invalid_output(self):
        sfn = client()
        arn = machine(sfn, "Outputs", SHORT_CALLBACK)
        e = sfn.start_execution(stateMachineArn=arn)["executionArn"]
        from test_compat import token_of
        self.assertApiError("InvalidOutput", sfn.send_task_success, taskToken=token_of(sfn, e), output="{not json")


class BadRequests(Case):
    def test_bad_requests_get_aws_errors_and_the_server_lives_on(self):
        self.assertEqual(raw(b"{not json"), (400, {"__type": "SerializationException", "message": raw(b"{not json")[1]["message"]}))
        status, body = raw(json.dumps({"name": 5, "definition": "{}", "roleArn": ROLE}).encode(), "AWSStepFunctions.CreateStateMachine")
        self.assertEqual((status, body["__type"]), (400, "SerializationException"))
        status, body = raw(json.dumps({"maxResults": "ten"}).encode())
        self.assertEqual((status, body["__type"]), (400, "SerializationException"))
        status, body = raw(b"[1, 2]")
        self.assertEqual(body["__type"], "SerializationException")
        status, body = raw(b"{}", "AWSStepFunctions.LaunchRockets")
        self.assertEqual((status, body["__type"]), (400, "UnknownOperationException"))
        status, body = raw(b"{}", None)
        self.assertEqual(body["__type"], "UnknownOperationException")
        status, body = raw(b"{}", method="GET")
        self.assertEqual(body["__type"], "UnknownOperationException")
        huge = b'{"input": "' + b"x" * (2 * 1024 * 1024) + b'"}'
        status, body = raw(huge, "AWSStepFunctions.StartExecution")
        self.assertEqual((status, body["__type"]), (413, "RequestEntityTooLargeException"))
        status, body = raw(huge, "AWSStepFunctions.StartExecution", chunked=True)
        self.assertEqual(body["__type"], "RequestEntityTooLargeException")
        # Still answering.
        status, body = raw(b"{}")
        self.assertEqual(status, 200)
        self.assertIn("stateMachines", body)

    def test_any_host_is_answered(self):
        sfn = client()
        arn = machine(sfn, "Hosted", FIVE_STATES, "EXPRESS")
        status, body = raw(json.dumps({"stateMachineArn": arn, "input": '{"n": 2}'}).encode(),
                           "AWSStepFunctions.StartSyncExecution", host=f"sync-localhost:{server().port}")
        self.assertEqual((status, json.loads(body["output"])), (200, {"double": 4}))


class Concurrency(Case):
    def test_fifty_clients_at_once(self):
        setup = client()
        express = machine(setup, "Busy", FIVE_STATES, "EXPRESS")
        standard = machine(setup, "BusyStd", FIVE_STATES)
        errors, results = [], []

        clients = [client() for _ in range(50)]

        def one(i):
            try:
                sfn = clients[i]
                for k in range(10):
                    r = sfn.start_sync_execution(stateMachineArn=express, input=json.dumps({"n": i * 100 + k}))
                    results.append(json.loads(r["output"])["double"] == 2 * (i * 100 + k))
                e = sfn.start_execution(stateMachineArn=standard, name=f"c{i}", input=json.dumps({"n": i}))
                results.append(wait_done(sfn, e["executionArn"])["status"] == "SUCCEEDED")
            except Exception as ex:  # noqa: BLE001 - every failure is reported below
                errors.append(repr(ex))

        threads = [threading.Thread(target=one, args=(i,)) for i in range(50)]
        started = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(errors, [])
        self.assertEqual((len(results), all(results)), (50 * 11, True))
        listed = setup.get_paginator("list_executions").paginate(stateMachineArn=standard)
        self.assertEqual(sum(len(p["executions"]) for p in listed), 50)
        print(f"  50 clients x 11 executions: {time.time() - started:.2f} s", flush=True)

