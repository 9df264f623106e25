#!/usr/bin/env bash
# Installs the real clients the serve tests drive, once, from their registries: boto3 and
# the AWS CLI (PyPI) into a venv under ~/.cache/asl-studio, @aws-sdk/client-sfn (npm) into
# tests/serve/node_modules. Idempotent: a second run with everything present does nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${ASL_SERVE_VENV:-$HOME/.cache/asl-studio/serve-venv}"
# Pinned: the versions these tests were written against (bump boto3 and the CLI together).
# moto's server is the second Step Functions API the asl-aws tests deploy to and read from.
boto3_version=1.44.18 awscli_version=1.46.3 moto_version=5.2.5
if ! "$venv/bin/python" -c "import boto3, awscli, moto; assert boto3.__version__ == '$boto3_version' and awscli.__version__ == '$awscli_version' and moto.__version__ == '$moto_version'" >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "boto3==$boto3_version" "awscli==$awscli_version" "moto[server]==$moto_version"
fi
if [ ! -d "$here/node_modules/@aws-sdk/client-sfn" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi
echo "$venv"
