"""Runs the Python client tests (boto3 and the AWS CLI) against one `asl serve`."""
import sys

import common

sys.exit(common.main(["test_api", "test_compat", "test_errors", "test_process", "test_teststate"]))
