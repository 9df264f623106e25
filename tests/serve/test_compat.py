"""boto3 and the AWS CLI against asl serve, as Step Functions Local suites use it: task
tokens, an activity worker, a MockConfigFile with #TestCase, a local Lambda."""
import json
import os
import subprocess
import threading

from common import ROLE, Case, LambdaStub, client, history, machine, server, wait_done, wait_event

ORDER_FLOW = {
    "StartAt": "Charge",
    "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
                   "ResultSelector": {"charged.$": "$.Payload.charged"}, "ResultPath": "$.charge",
                   "Retry": [{"ErrorEquals": ["Declined"], "MaxAttempts": 1, "IntervalSeconds": 30}],
                   "Catch": [{"ErrorEquals": ["Declined"], "ResultPath": "$.error", "Next": "Rejected"}],
                   "Next": "Approve"},
        "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
                    "ResultPath": "$.approval", "Next": "Ship"},
        "Ship": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync",
                 "Parameters": {"JobName": "ship", "JobQueue": "q", "JobDefinition": "d"},
                 "ResultSelector": {"job.$": "$.JobId"}, "ResultPath": "$.ship", "End": True},
        "Rejected": {"Type": "Pass", "Parameters": {"rejected.$": "$.error.Error"}, "End": True},
    },
}
TOKEN = {
    "StartAt": "Ask",
    "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                       "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token", "n.$": "$.n"}},
                       "Catch": [{"ErrorEquals": ["Rejected"], "Next": "Caught"}], "End": True},
               "Caught": {"Type": "Pass", "Result": "caught", "End": True}},
}
LAMBDAS = {
    "StartAt": "Invoke",
    "States": {
        "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:Echo", "Payload": {"x.$": "$.x"}},
                   "OutputPath": "$.Payload", "Next": "Plain"},
        "Plain": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Echo", "Next": "Boom"},
        "Boom": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Boom",
                 "Catch": [{"ErrorEquals": ["BoomError"], "Next": "Table"}], "End": True},
        "Table": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                  "Parameters": {"TableName": "t", "Key": {}}, "End": True},
    },
}


def token_of(sfn, arn):
    scheduled = wait_event(sfn, arn, "TaskScheduled")
    return json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"]


class Callbacks(Case):
    def test_task_tokens_answered_by_success_failure_and_heartbeat(self):
        sfn = client()
        arn = machine(sfn, "Tokens", TOKEN)
        ok = sfn.start_execution(stateMachineArn=arn, input='{"n": 1}')["executionArn"]
        token = token_of(sfn, ok)
        sfn.send_task_heartbeat(taskToken=token)
        sfn.send_task_success(taskToken=token, output='{"answer": 42}')
        d = wait_done(sfn, ok)
        self.assertEqual((d["status"], json.loads(d["output"])), ("SUCCEEDED", {"answer": 42}))
        self.assertApiError("TaskDoesNotExist", sfn.send_task_success, taskToken=token, output="{}")
        no = sfn.start_execution(stateMachineArn=arn, input='{"n": 2}')["executionArn"]
        sfn.send_task_failure(taskToken=token_of(sfn, no), error="Rejected", cause="no")
        self.assertEqual(json.loads(wait_done(sfn, no)["output"]), "caught")

    def test_activity_worker(self):
        sfn = client()
        activity = sfn.create_activity(name="resize")["activityArn"]
        self.assertEqual(sfn.describe_activity(activityArn=activity)["name"], "resize")
        self.assertIn(activity, [a["activityArn"] for a in sfn.list_activities()["activities"]])
        arn = machine(sfn, "WithWorker", {"StartAt": "Work", "States": {
            "Work": {"Type": "Task", "Resource": activity, "HeartbeatSeconds": 30, "End": True}}})
        seen = []

        w = client()

        def worker():
            task = w.get_activity_task(activityArn=activity, workerName="w1")
            seen.append(json.loads(task["input"]))
            w.send_task_heartbeat(taskToken=task["taskToken"])
            w.send_task_success(taskToken=task["taskToken"], output=json.dumps({"size": 2 * seen[0]["size"]}))

        t = threading.Thread(target=worker)
        t.start()  # polling before the task exists: the long poll picks it up
        e = sfn.start_execution(stateMachineArn=arn, input='{"size": 21}')["executionArn"]
        t.join(30)
        d = wait_done(sfn, e)
        self.assertEqual(seen, [{"size": 21}])
        self.assertEqual((d["status"], json.loads(d["output"])), ("SUCCEEDED", {"size": 42}))
        sfn.delete_activity(activityArn=activity)
        self.assertApiError("ActivityDoesNotExist", sfn.describe_activity, activityArn=activity)


class StepFunctionsLocal(Case):
    def test_mock_config_test_cases(self):
        sfn = client()
        arn = machine(sfn, "OrderFlow", ORDER_FLOW)
        happy = sfn.start_execution(stateMachineArn=arn + "#HappyPath", input='{"order": 7}')["executionArn"]
        d = wait_done(sfn, happy)
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), {"order": 7, "charge": {"charged": 42}, "approval": {"approved": True},
                                                   "ship": {"job": "ship-1"}})
        declined = sfn.start_execution(stateMachineArn=arn + "#DeclinedPath")["executionArn"]
        d = wait_done(sfn, declined)
        self.assertEqual(json.loads(d["output"]), {"rejected": "Declined"})
        kinds = [e["type"] for e in history(sfn, declined)]
        self.assertEqual(kinds.count("TaskFailed"), 2, "one retry, then the catch")
        self.assertApiError("ValidationException", sfn.start_execution, stateMachineArn=arn + "#NoSuchCase")

    def test_lambda_endpoint_and_unmocked_services(self):
        sfn = client()
        arn = machine(sfn, "Lambdas", LAMBDAS)
        before = len(LambdaStub.calls)
        e = sfn.start_execution(stateMachineArn=arn, input='{"x": 3}')["executionArn"]
        d = wait_done(sfn, e)
        calls = LambdaStub.calls[before:]
        self.assertEqual([c[0] for c in calls], ["/2015-03-31/functions/Echo/invocations"] * 2
                         + ["/2015-03-31/functions/Boom/invocations"])
        self.assertEqual(calls[0][1], {"x": 3})
        self.assertEqual(calls[1][1], {"function": "Echo", "got": {"x": 3}})
        # The DynamoDB call is neither mocked nor Lambda: the task fails saying so.
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.TaskFailed"))
        self.assertIn("'Table'", d["cause"])
        self.assertIn("dynamodb", d["cause"])
        failed = [x for x in history(sfn, e) if x["type"] == "LambdaFunctionFailed"][0]
        self.assertEqual(failed["lambdaFunctionFailedEventDetails"]["error"], "BoomError")


class LambdaWithToken(Case):
    def test_lambda_invoke_wait_for_task_token_calls_the_function(self):
        sfn = client()
        arn = machine(sfn, "LambdaToken", {"StartAt": "Ask", "States": {
            "Ask": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                    "Parameters": {"FunctionName": "Approver", "Payload": {"token.$": "$$.Task.Token"}}, "Next": "Fails"},
            "Fails": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                      "Parameters": {"FunctionName": "Boom", "Payload": {"token.$": "$$.Task.Token"}},
                      "Catch": [{"ErrorEquals": ["BoomError"], "ResultPath": "$.caught", "Next": "Done"}], "End": True},
            "Done": {"Type": "Pass", "End": True}}})
        d = wait_done(sfn, sfn.start_execution(stateMachineArn=arn)["executionArn"])
        self.assertEqual(d["status"], "SUCCEEDED", d)
        out = json.loads(d["output"])
        self.assertEqual((out["approvedBy"], out["caught"]["Error"]), ("lambda", "BoomError"))


class AwsCli(Case):
    def aws(self, *args, check=True):
        env = dict(os.environ, AWS_ENDPOINT_URL_SFN=server().url, AWS_DISABLE_HOST_PREFIX_INJECTION="true",
                   AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1")
        aws = os.path.join(os.path.dirname(os.environ.get("SERVE_PYTHON", "python")), "aws")
        p = subprocess.run([aws, "stepfunctions", *args, "--output", "json"], capture_output=True, text=True, env=env)
        if check:
            self.assertEqual(p.returncode, 0, p.stderr)
            return json.loads(p.stdout) if p.stdout.strip() else {}
        return p

    def test_cli_creates_runs_sync_and_reports_errors(self):
        definition = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"via": "cli"}, "End": True}}})
        self.aws("delete-state-machine", "--state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:Cli")
        arn = self.aws("create-state-machine", "--name", "Cli", "--definition", definition, "--role-arn", ROLE,
                       "--type", "EXPRESS")["stateMachineArn"]
        out = self.aws("start-sync-execution", "--state-machine-arn", arn, "--input", "{}")
        self.assertEqual((out["status"], json.loads(out["output"])), ("SUCCEEDED", {"via": "cli"}))
        self.assertIn("Cli", [m["name"] for m in self.aws("list-state-machines")["stateMachines"]])
        p = self.aws("describe-state-machine", "--state-machine-arn", arn + "Nope", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("StateMachineDoesNotExist", p.stderr)
