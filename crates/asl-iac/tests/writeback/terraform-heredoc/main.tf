resource "aws_lambda_function" "work" {
  function_name = "work"
}

resource "aws_sfn_state_machine" "flow" {
  name     = "flow"
  role_arn = aws_iam_role.sfn.arn

  definition = <<EOF
{
  "Comment": "Does the work",
  "StartAt": "Work",
  "States": {
    "Work": {
      "Type": "Task",
      "Resource": "${aws_lambda_function.work.arn}",
      "Next": "Done"
    },
    "Done": {
      "Type": "Succeed"
    },
    "Failed": {
      "Type": "Fail"
    }
  }
}
EOF
}
