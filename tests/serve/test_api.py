"""boto3 against asl serve: state machines, executions (async and sync), history paging,
stopping, tags, validation."""
import json
import time

from common import Case, client, history, machine, wait_done, wait_event

PASS_WAIT = {
    "StartAt": "Greet",
    "States": {
        "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)", "items.$": "$.items"}, "Next": "Nap"},
        "Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Count"},
        "Count": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {
            "StartAt": "Double", "States": {"Double": {"Type": "Pass", "End": True}}}, "ResultPath": "$.n", "Next": "Done"},
        "Done": {"Type": "Succeed"},
    },
}
CHOOSE = {
    "StartAt": "Check",
    "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Yes"}], "Default": "No"},
        "Yes": {"Type": "Pass", "Result": "positive", "End": True},
        "No": {"Type": "Fail", "Error": "NotPositive", "Cause": "n must be positive"},
    },
}
WAIT_TOKEN = {
    "StartAt": "Ask",
    "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                       "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": True}},
}


class StateMachines(Case):
    def test_create_describe_update_list_delete(self):
        sfn = client()
        arn = machine(sfn, "Lifecycle", PASS_WAIT)
        d = sfn.describe_state_machine(stateMachineArn=arn)
        self.assertEqual((d["name"], d["type"], d["status"]), ("Lifecycle", "STANDARD", "ACTIVE"))
        self.assertEqual(json.loads(d["definition"]), PASS_WAIT)
        # Creating it again unchanged is idempotent; changed, it is refused.
        again = sfn.create_state_machine(name="Lifecycle", definition=d["definition"], roleArn=d["roleArn"])
        self.assertEqual(again["stateMachineArn"], arn)
        self.assertApiError("StateMachineAlreadyExists", sfn.create_state_machine, name="Lifecycle",
                            definition=json.dumps(CHOOSE), roleArn=d["roleArn"])
        u = sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(CHOOSE))
        d2 = sfn.describe_state_machine(stateMachineArn=arn)
        self.assertEqual(json.loads(d2["definition"]), CHOOSE)
        self.assertEqual(d2["revisionId"], u["revisionId"])
        self.assertNotEqual(d2["revisionId"], d["revisionId"])
        names = [m["name"] for page in sfn.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 1})
                 for m in page["stateMachines"]]
        self.assertIn("Lifecycle", names)
        self.assertEqual(len(names), len(set(names)))
        sfn.delete_state_machine(stateMachineArn=arn)
        self.assertApiError("StateMachineDoesNotExist", sfn.describe_state_machine, stateMachineArn=arn)

    def test_validate_definition(self):
        sfn = client()
        ok = sfn.validate_state_machine_definition(definition=json.dumps(CHOOSE))
        self.assertEqual((ok["result"], ok["diagnostics"]), ("OK", []))
        bad = sfn.validate_state_machine_definition(definition=json.dumps(
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}))
        self.assertEqual(bad["result"], "FAIL")
        self.assertEqual(bad["diagnostics"][0]["severity"], "ERROR")
        self.assertTrue(bad["diagnostics"][0]["location"].startswith("/States/A"))

    def test_tags(self):
        sfn = client()
        arn = machine(sfn, "Tagged", CHOOSE)
        sfn.tag_resource(resourceArn=arn, tags=[{"key": "team", "value": "a"}, {"key": "env", "value": "dev"}])
        sfn.untag_resource(resourceArn=arn, tagKeys=["env"])
        self.assertEqual(sfn.list_tags_for_resource(resourceArn=arn)["tags"], [{"key": "team", "value": "a"}])


class Executions(Case):
    def test_async_standard_execution_on_the_virtual_clock(self):
        sfn = client()
        arn = machine(sfn, "Async", PASS_WAIT)
        started = time.time()
        e = sfn.start_execution(stateMachineArn=arn, name="first", input=json.dumps({"who": "ann", "items": [1, 2, 3]}))
        self.assertEqual(e["executionArn"], "arn:aws:states:us-east-1:123456789012:execution:Async:first")
        d = wait_done(sfn, e["executionArn"])
        self.assertLess(time.time() - started, 5, "an hour's Wait passes at once on the virtual clock")
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"])["greeting"], "hello ann")
        self.assertEqual((d["stopDate"] - d["startDate"]).total_seconds(), 3600)
        listed = sfn.list_executions(stateMachineArn=arn, statusFilter="SUCCEEDED")["executions"]
        self.assertEqual([x["name"] for x in listed], ["first"])
        m = sfn.describe_state_machine_for_execution(executionArn=e["executionArn"])
        self.assertEqual(json.loads(m["definition"]), PASS_WAIT)
        # Same name again: the execution exists (it is no longer running).
        self.assertApiError("ExecutionAlreadyExists", sfn.start_execution, stateMachineArn=arn, name="first")

    def test_list_executions_pages_newest_first(self):
        sfn = client()
        arn = machine(sfn, "Many", CHOOSE)
        for i in range(7):
            wait_done(sfn, sfn.start_execution(stateMachineArn=arn, name=f"e{i}", input=json.dumps({"n": i}))["executionArn"])
        pages = sfn.get_paginator("list_executions").paginate(stateMachineArn=arn, PaginationConfig={"PageSize": 3})
        names = [x["name"] for p in pages for x in p["executions"]]
        self.assertEqual(names, [f"e{i}" for i in reversed(range(7))])
        failed = sfn.list_executions(stateMachineArn=arn, statusFilter="FAILED")["executions"]
        self.assertEqual([x["name"] for x in failed], ["e0"])

    def test_sync_express_execution(self):
        sfn = client()
        arn = machine(sfn, "Sync", CHOOSE, "EXPRESS")
        ok = sfn.start_sync_execution(stateMachineArn=arn, input='{"n": 5}')
        self.assertEqual((ok["status"], json.loads(ok["output"])), ("SUCCEEDED", "positive"))
        self.assertIn(":express:Sync:", ok["executionArn"])
        bad = sfn.start_sync_execution(stateMachineArn=arn, input='{"n": -1}')
        self.assertEqual((bad["status"], bad["error"], bad["cause"]), ("FAILED", "NotPositive", "n must be positive"))
        standard = machine(sfn, "NotSync", CHOOSE)
        self.assertApiError("StateMachineTypeNotSupported", sfn.start_sync_execution, stateMachineArn=standard)

    def test_history_pages_in_both_orders(self):
        sfn = client()
        arn = machine(sfn, "Paged", PASS_WAIT)
        e = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"who": "bo", "items": [1, 2, 3, 4]}))
        wait_done(sfn, e["executionArn"])
        everything = history(sfn, e["executionArn"])
        n = len(everything)
        self.assertGreater(n, 15)
        self.assertEqual([x["id"] for x in everything], list(range(1, n + 1)))
        self.assertEqual(everything[0]["type"], "ExecutionStarted")
        self.assertEqual(everything[-1]["type"], "ExecutionSucceeded")
        for reverse in (False, True):
            ids, token = [], None
            while True:
                kwargs = {"nextToken": token} if token else {}
                page = sfn.get_execution_history(executionArn=e["executionArn"], maxResults=4, reverseOrder=reverse, **kwargs)
                self.assertLessEqual(len(page["events"]), 4)
                ids += [x["id"] for x in page["events"]]
                token = page.get("nextToken")
                if not token:
                    break
            self.assertEqual(ids, list(range(n, 0, -1)) if reverse else list(range(1, n + 1)))
        bare = sfn.get_execution_history(executionArn=e["executionArn"], includeExecutionData=False)["events"]
        self.assertNotIn("input", bare[0]["executionStartedEventDetails"])
        self.assertIn("input", everything[0]["executionStartedEventDetails"])
        self.assertApiError("InvalidToken", sfn.get_execution_history, executionArn=e["executionArn"], nextToken="bogus")

    def test_stop_execution(self):
        sfn = client()
        arn = machine(sfn, "Stoppable", WAIT_TOKEN)
        e = sfn.start_execution(stateMachineArn=arn)
        wait_event(sfn, e["executionArn"], "TaskScheduled")
        sfn.stop_execution(executionArn=e["executionArn"], error="Halt", cause="enough")
        d = sfn.describe_execution(executionArn=e["executionArn"])
        self.assertEqual((d["status"], d["error"], d["cause"]), ("ABORTED", "Halt", "enough"))
        last = history(sfn, e["executionArn"])[-1]
        self.assertEqual(last["type"], "ExecutionAborted")
        self.assertEqual(last["executionAbortedEventDetails"], {"error": "Halt", "cause": "enough"})


class VersionsAndAliases(Case):
    def test_publish_versions_and_route_an_alias(self):
        sfn = client()
        one = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "End": True}}}
        two = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 2, "End": True}}}
        arn = machine(sfn, "Versioned", one)
        v1 = sfn.publish_state_machine_version(stateMachineArn=arn, description="first")["stateMachineVersionArn"]
        self.assertEqual(v1, arn + ":1")
        self.assertEqual(sfn.publish_state_machine_version(stateMachineArn=arn)["stateMachineVersionArn"], v1,
                         "an unchanged revision is the same version")
        v2 = sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(two), publish=True)["stateMachineVersionArn"]
        self.assertEqual(v2, arn + ":2")
        self.assertEqual(json.loads(sfn.describe_state_machine(stateMachineArn=v1)["definition"]), one)
        listed = [v["stateMachineVersionArn"] for v in sfn.list_state_machine_versions(stateMachineArn=arn)["stateMachineVersions"]]
        self.assertEqual(listed, [v2, v1])
        e = sfn.start_execution(stateMachineArn=v1)["executionArn"]
        d = wait_done(sfn, e)
        self.assertEqual((json.loads(d["output"]), d["stateMachineVersionArn"]), (1, v1))
        alias = sfn.create_state_machine_alias(name="live", routingConfiguration=[{"stateMachineVersionArn": v1, "weight": 100}])["stateMachineAliasArn"]
        self.assertEqual(alias, arn + ":live")
        d = wait_done(sfn, sfn.start_execution(stateMachineArn=alias)["executionArn"])
        self.assertEqual((json.loads(d["output"]), d["stateMachineAliasArn"], d["stateMachineVersionArn"]), (1, alias, v1))
        sfn.update_state_machine_alias(stateMachineAliasArn=alias, routingConfiguration=[{"stateMachineVersionArn": v2, "weight": 100}])
        d = wait_done(sfn, sfn.start_execution(stateMachineArn=alias)["executionArn"])
        self.assertEqual(json.loads(d["output"]), 2)
        self.assertEqual(sfn.describe_state_machine_alias(stateMachineAliasArn=alias)["routingConfiguration"],
                         [{"stateMachineVersionArn": v2, "weight": 100}])
        self.assertEqual([a["stateMachineAliasArn"] for a in sfn.list_state_machine_aliases(stateMachineArn=arn)["stateMachineAliases"]], [alias])
        on_v1 = sfn.list_executions(stateMachineArn=v1)["executions"]
        self.assertEqual(len(on_v1), 2, "started on v1 directly and through the alias")
        self.assertEqual(len(sfn.list_executions(stateMachineArn=alias)["executions"]), 2)
        self.assertEqual(len(sfn.list_executions(stateMachineArn=arn)["executions"]), 3)
        self.assertApiError("ConflictException", sfn.delete_state_machine_version, stateMachineVersionArn=v2)
        sfn.delete_state_machine_alias(stateMachineAliasArn=alias)
        sfn.delete_state_machine_version(stateMachineVersionArn=v2)
        self.assertApiError("StateMachineDoesNotExist", sfn.start_execution, stateMachineArn=v2)
