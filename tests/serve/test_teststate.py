"""TestState through asl serve (boto3): a mocked Task at each inspection level, a state of
a whole machine by stateName, a mocked error caught, and a refused request."""
import json

from common import Case, client

TASK = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "f", "Payload.$": "$"},
        "ResultSelector": {"ok.$": "$.Payload.ok"}, "Next": "Done"}


class TestState(Case):
    def test_mocked_task_at_each_inspection_level(self):
        sfn = client()
        mock = {"result": json.dumps({"StatusCode": 200, "Payload": {"ok": True}})}
        info = sfn.test_state(definition=json.dumps(TASK), input='{"n": 1}', mock=mock)
        self.assertEqual((info["status"], info["nextState"], json.loads(info["output"])), ("SUCCEEDED", "Done", {"ok": True}))
        self.assertNotIn("inspectionData", info)
        debug = sfn.test_state(definition=json.dumps(TASK), input='{"n": 1}', mock=mock, inspectionLevel="DEBUG")
        data = debug["inspectionData"]
        self.assertEqual(json.loads(data["afterParameters"]), {"FunctionName": "f", "Payload": {"n": 1}})
        self.assertEqual(json.loads(data["afterResultSelector"]), {"ok": True})

    def test_state_of_a_machine_with_a_caught_error(self):
        sfn = client()
        machine = {"StartAt": "Call", "States": {
            "Call": dict(TASK, Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]),
            "Done": {"Type": "Succeed"}, "Recover": {"Type": "Pass", "End": True}}}
        r = sfn.test_state(definition=json.dumps(machine), stateName="Call", input="{}",
                           mock={"errorOutput": {"error": "Boom", "cause": "mocked"}})
        self.assertEqual((r["status"], r["nextState"], r["error"]), ("CAUGHT_ERROR", "Recover", "Boom"))

    def test_refused_request(self):
        sfn = client()
        self.assertApiError("ValidationException", sfn.test_state,
                            definition=json.dumps({"Type": "Pass", "End": True}), mock={"result": "{}"})
