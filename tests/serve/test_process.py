"""The `asl serve` process: a taken port, Ctrl+C, --help, --data-dir across a kill, Step
Functions Local's variables and --real-time."""
import json
import os
import time

from common import ROLE, Case, server, wait_done
from test_errors import FIVE_STATES


class Process(Case):
    def test_taken_port_exits_2_with_one_line(self):
        import subprocess
        from common import ASL
        p = subprocess.run([ASL, "serve", "--port", str(server().port)], capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
        self.assertIn(f"cannot listen on 127.0.0.1:{server().port}", p.stderr)

    def test_ctrl_c_stops_cleanly(self):
        import signal
        import subprocess
        from common import ASL
        p = subprocess.Popen([ASL, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
        self.assertTrue(p.stdout.readline().startswith("listening on http://127.0.0.1:"))
        p.send_signal(signal.SIGINT)
        self.assertEqual(p.wait(timeout=10), 0)

    def test_help_names_the_client_settings(self):
        import subprocess
        from common import ASL
        text = subprocess.run([ASL, "serve", "--help"], capture_output=True, text=True).stdout
        for setting in ["AWS_ENDPOINT_URL_SFN", "AWS_DISABLE_HOST_PREFIX_INJECTION=true", "inject_host_prefix=False",
                        "disableHostPrefix: true", "SFN_MOCK_CONFIG", "LAMBDA_ENDPOINT"]:
            self.assertIn(setting, text)

    def test_data_dir_survives_a_killed_server(self):
        import signal
        import subprocess
        import tempfile

        import boto3
        import botocore.config
        from common import ASL

        def serve(folder):
            p = subprocess.Popen([ASL, "serve", "--port", "0", "--data-dir", folder], stdout=subprocess.PIPE, text=True)
            url = p.stdout.readline().strip()[len("listening on "):]
            sfn = boto3.client("stepfunctions", endpoint_url=url, region_name="us-east-1", aws_access_key_id="t",
                               aws_secret_access_key="t", config=botocore.config.Config(inject_host_prefix=False))
            return p, sfn

        with tempfile.TemporaryDirectory() as folder:
            p, sfn = serve(folder)
            arn = sfn.create_state_machine(name="Durable", roleArn=ROLE, definition=json.dumps(FIVE_STATES))["stateMachineArn"]
            e = sfn.start_execution(stateMachineArn=arn, name="kept", input='{"n": 4}')["executionArn"]
            before = wait_done(sfn, e)
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=10)
            p, sfn = serve(folder)
            try:
                after = sfn.describe_execution(executionArn=e)
                self.assertEqual((after["status"], after["output"], after["stopDate"]),
                                 ("SUCCEEDED", before["output"], before["stopDate"]))
                self.assertEqual(sfn.get_execution_history(executionArn=e)["events"][-1]["type"], "ExecutionSucceeded")
            finally:
                p.send_signal(signal.SIGINT)
                self.assertEqual(p.wait(timeout=10), 0)

    def test_step_functions_local_variables_and_real_time(self):
        """SFN_MOCK_CONFIG and LAMBDA_ENDPOINT stand for the flags; --real-time really waits."""
        import signal
        import subprocess

        import boto3
        import botocore.config
        from common import ASL, HERE
        from test_compat import ORDER_FLOW

        env = dict(os.environ, SFN_MOCK_CONFIG=os.path.join(HERE, "mock-config.json"),
                   LAMBDA_ENDPOINT=f"http://127.0.0.1:{server().stub.server_address[1]}")
        p = subprocess.Popen([ASL, "serve", "--port", "0", "--real-time"], stdout=subprocess.PIPE, text=True, env=env)
        url = p.stdout.readline().strip()[len("listening on "):]
        sfn = boto3.client("stepfunctions", endpoint_url=url, region_name="us-east-1", aws_access_key_id="t",
                           aws_secret_access_key="t", config=botocore.config.Config(inject_host_prefix=False))
        try:
            arn = sfn.create_state_machine(name="OrderFlow", roleArn=ROLE, definition=json.dumps(ORDER_FLOW))["stateMachineArn"]
            d = wait_done(sfn, sfn.start_execution(stateMachineArn=arn + "#HappyPath")["executionArn"])
            self.assertEqual(json.loads(d["output"])["ship"], {"job": "ship-1"})
            echo = {"StartAt": "E", "States": {
                "E": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Echo", "Next": "W"},
                "W": {"Type": "Wait", "Seconds": 1, "End": True}}}
            arn = sfn.create_state_machine(name="Echo", roleArn=ROLE, definition=json.dumps(echo))["stateMachineArn"]
            started = time.time()
            d = wait_done(sfn, sfn.start_execution(stateMachineArn=arn, input='{"a": 1}')["executionArn"])
            self.assertGreaterEqual(time.time() - started, 1.0, "--real-time waits")
            self.assertEqual(json.loads(d["output"]), {"function": "Echo", "got": {"a": 1}})
        finally:
            p.send_signal(signal.SIGINT)
            self.assertEqual(p.wait(timeout=10), 0)

    def test_history_shape_aws_by_default_or_step_functions_local(self):
        import signal
        import subprocess

        import boto3
        import botocore.config
        from common import ASL, HERE

        sdk = {"StartAt": "Detect", "States": {"Detect": {
            "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:comprehend:detectSentiment",
            "Parameters": {"Text": "great", "LanguageCode": "en"}, "End": True}}}
        shapes = {}
        for compat in ["aws", "stepfunctions-local"]:
            p = subprocess.Popen([ASL, "serve", "--port", "0", "--compat", compat, "--mock-config",
                                  os.path.join(HERE, "mock-config.json")], stdout=subprocess.PIPE, text=True)
            url = p.stdout.readline().strip()[len("listening on "):]
            sfn = boto3.client("stepfunctions", endpoint_url=url, region_name="us-east-1", aws_access_key_id="t",
                               aws_secret_access_key="t", config=botocore.config.Config(inject_host_prefix=False))
            try:
                arn = sfn.create_state_machine(name="SdkFlow", roleArn=ROLE, definition=json.dumps(sdk))["stateMachineArn"]
                e = sfn.start_execution(stateMachineArn=arn + "#Ok")["executionArn"]
                self.assertEqual(json.loads(wait_done(sfn, e)["output"]), {"Sentiment": "POSITIVE"})
                events = sfn.get_execution_history(executionArn=e)["events"]
                scheduled = [x for x in events if x["type"] == "TaskScheduled"][0]["taskScheduledEventDetails"]
                shapes[compat] = (scheduled["resourceType"], scheduled["resource"])
            finally:
                p.send_signal(signal.SIGINT)
                self.assertEqual(p.wait(timeout=10), 0)
        self.assertEqual(shapes, {"aws": ("aws-sdk:comprehend", "detectSentiment"),
                                  "stepfunctions-local": ("aws-sdk", "comprehend:detectSentiment")})
