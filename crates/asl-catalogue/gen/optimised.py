"""Step Functions' optimised integrations: the one table botocore cannot give.

Source: AWS Step Functions Developer Guide, "Integrating optimized services with Step
Functions" (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html)
for which patterns each service supports, and its per-service pages (connect-lambda,
connect-ddb, connect-ecs, connect-eks, connect-emr, connect-sagemaker, connect-codebuild,
connect-athena, ...) for the APIs of each. The HTTP task is "Call HTTPS APIs in Step
Functions workflows" (call-https-apis.html); the S3 resources are Distributed Map's
ItemReader/ResultWriter (input-output-itemreader.html), not Task integrations.

Each row: (resource service, action, patterns, botocore service, operation, kind).
Patterns: "" request-response, ".sync", ".sync:2", ".waitForTaskToken".
A `None` operation means the request is not a service API: CUSTOM below gives it.
"""

RR, SYNC, SYNC2, WAIT = "", ".sync", ".sync:2", ".waitForTaskToken"

# The prefix Step Functions puts before a service's error names for its optimised
# integrations (the Java SDK v1 names, e.g. "Lambda.ServiceException",
# "DynamoDB.ConditionalCheckFailedException", "StepFunctions.ExecutionAlreadyExistsException").
ERROR_PREFIX = {
    "lambda": "Lambda", "dynamodb": "DynamoDB", "states": "StepFunctions", "sns": "SNS",
    "sqs": "SQS", "ecs": "ECS", "batch": "Batch", "glue": "Glue", "databrew": "DataBrew",
    "athena": "Athena", "events": "EventBridge", "codebuild": "CodeBuild",
    "sagemaker": "SageMaker", "elasticmapreduce": "EMR", "emr-containers": "EMRContainers",
    "emr-serverless": "EMRServerless", "eks": "EKS", "mediaconvert": "MediaConvert",
    "bedrock": "Bedrock", "apigateway": "ApiGateway", "s3": "S3",
}

# Errors Step Functions raises for an integration beyond the API's modelled ones.
EXTRA_ERRORS = {
    ("lambda", "invoke"): ["Lambda.ServiceException", "Lambda.AWSLambdaException",
                           "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
}

TASK, MAP_ITEMS = "optimised", "mapItems"

OPTIMISED = [
    ("lambda", "invoke", [RR, WAIT], "lambda", "Invoke", TASK),
    ("sns", "publish", [RR, WAIT], "sns", "Publish", TASK),
    ("sqs", "sendMessage", [RR, WAIT], "sqs", "SendMessage", TASK),
    ("dynamodb", "getItem", [RR], "dynamodb", "GetItem", TASK),
    ("dynamodb", "putItem", [RR], "dynamodb", "PutItem", TASK),
    ("dynamodb", "updateItem", [RR], "dynamodb", "UpdateItem", TASK),
    ("dynamodb", "deleteItem", [RR], "dynamodb", "DeleteItem", TASK),
    ("ecs", "runTask", [RR, SYNC, WAIT], "ecs", "RunTask", TASK),
    ("batch", "submitJob", [RR, SYNC], "batch", "SubmitJob", TASK),
    ("glue", "startJobRun", [RR, SYNC], "glue", "StartJobRun", TASK),
    ("databrew", "startJobRun", [RR, SYNC], "databrew", "StartJobRun", TASK),
    ("states", "startExecution", [RR, SYNC, SYNC2, WAIT], "stepfunctions", "StartExecution", TASK),
    ("events", "putEvents", [RR, WAIT], "events", "PutEvents", TASK),
    ("apigateway", "invoke", [RR, WAIT], "apigateway", None, TASK),
    ("http", "invoke", [RR], None, None, TASK),
    ("athena", "startQueryExecution", [RR, SYNC], "athena", "StartQueryExecution", TASK),
    ("athena", "stopQueryExecution", [RR], "athena", "StopQueryExecution", TASK),
    ("athena", "getQueryExecution", [RR], "athena", "GetQueryExecution", TASK),
    ("athena", "getQueryResults", [RR], "athena", "GetQueryResults", TASK),
    ("codebuild", "startBuild", [RR, SYNC], "codebuild", "StartBuild", TASK),
    ("codebuild", "stopBuild", [RR], "codebuild", "StopBuild", TASK),
    ("codebuild", "batchDeleteBuilds", [RR], "codebuild", "BatchDeleteBuilds", TASK),
    ("codebuild", "batchGetReports", [RR], "codebuild", "BatchGetReports", TASK),
    ("codebuild", "startBuildBatch", [RR, SYNC], "codebuild", "StartBuildBatch", TASK),
    ("codebuild", "stopBuildBatch", [RR], "codebuild", "StopBuildBatch", TASK),
    ("codebuild", "retryBuildBatch", [RR, SYNC], "codebuild", "RetryBuildBatch", TASK),
    ("codebuild", "deleteBuildBatch", [RR], "codebuild", "DeleteBuildBatch", TASK),
    ("elasticmapreduce", "createCluster", [RR, SYNC], "emr", "RunJobFlow", TASK),
    ("elasticmapreduce", "setClusterTerminationProtection", [RR], "emr", None, TASK),
    ("elasticmapreduce", "modifyInstanceFleetByName", [RR], "emr", None, TASK),
    ("elasticmapreduce", "modifyInstanceGroupByName", [RR], "emr", None, TASK),
    ("elasticmapreduce", "terminateCluster", [RR, SYNC], "emr", None, TASK),
    ("elasticmapreduce", "addStep", [RR, SYNC], "emr", None, TASK),
    ("elasticmapreduce", "cancelStep", [RR], "emr", None, TASK),
    ("emr-containers", "createVirtualCluster", [RR], "emr-containers", "CreateVirtualCluster", TASK),
    ("emr-containers", "deleteVirtualCluster", [RR, SYNC], "emr-containers", "DeleteVirtualCluster", TASK),
    ("emr-containers", "startJobRun", [RR, SYNC], "emr-containers", "StartJobRun", TASK),
    ("emr-serverless", "createApplication", [RR, SYNC], "emr-serverless", "CreateApplication", TASK),
    ("emr-serverless", "startApplication", [RR, SYNC], "emr-serverless", "StartApplication", TASK),
    ("emr-serverless", "stopApplication", [RR, SYNC], "emr-serverless", "StopApplication", TASK),
    ("emr-serverless", "deleteApplication", [RR, SYNC], "emr-serverless", "DeleteApplication", TASK),
    ("emr-serverless", "startJobRun", [RR, SYNC], "emr-serverless", "StartJobRun", TASK),
    ("emr-serverless", "cancelJobRun", [RR, SYNC], "emr-serverless", "CancelJobRun", TASK),
    ("eks", "createCluster", [RR, SYNC], "eks", "CreateCluster", TASK),
    ("eks", "deleteCluster", [RR, SYNC], "eks", "DeleteCluster", TASK),
    ("eks", "createFargateProfile", [RR, SYNC], "eks", "CreateFargateProfile", TASK),
    ("eks", "deleteFargateProfile", [RR, SYNC], "eks", "DeleteFargateProfile", TASK),
    ("eks", "createNodegroup", [RR, SYNC], "eks", "CreateNodegroup", TASK),
    ("eks", "deleteNodegroup", [RR, SYNC], "eks", "DeleteNodegroup", TASK),
    ("eks", "runJob", [RR, SYNC], "eks", None, TASK),
    ("eks", "call", [RR], "eks", None, TASK),
    ("sagemaker", "createEndpoint", [RR], "sagemaker", "CreateEndpoint", TASK),
    ("sagemaker", "createEndpointConfig", [RR], "sagemaker", "CreateEndpointConfig", TASK),
    ("sagemaker", "createHyperParameterTuningJob", [RR, SYNC], "sagemaker", "CreateHyperParameterTuningJob", TASK),
    ("sagemaker", "createLabelingJob", [RR, SYNC], "sagemaker", "CreateLabelingJob", TASK),
    ("sagemaker", "createModel", [RR], "sagemaker", "CreateModel", TASK),
    ("sagemaker", "createProcessingJob", [RR, SYNC], "sagemaker", "CreateProcessingJob", TASK),
    ("sagemaker", "createTrainingJob", [RR, SYNC], "sagemaker", "CreateTrainingJob", TASK),
    ("sagemaker", "createTransformJob", [RR, SYNC], "sagemaker", "CreateTransformJob", TASK),
    ("sagemaker", "updateEndpoint", [RR], "sagemaker", "UpdateEndpoint", TASK),
    ("mediaconvert", "createJob", [RR, SYNC], "mediaconvert", "CreateJob", TASK),
    ("bedrock", "invokeModel", [RR], "bedrock-runtime", "InvokeModel", TASK),
    ("bedrock", "createModelCustomizationJob", [RR, SYNC, WAIT], "bedrock", "CreateModelCustomizationJob", TASK),
    ("s3", "getObject", [RR], "s3", "GetObject", MAP_ITEMS),
    ("s3", "listObjectsV2", [RR], "s3", "ListObjectsV2", MAP_ITEMS),
    ("s3", "putObject", [RR], "s3", "PutObject", MAP_ITEMS),
]

# Requests that are not one service API. Members: (name, shape, required); a shape is a
# botocore shape of the row's service or one of "string", "integer", "boolean", "json",
# "map" (string to string list), with a doc sentence.
_HTTP_COMMON = [
    ("ApiEndpoint", "string", True, "The URL of the endpoint to call."),
    ("Method", "string", True, "The HTTP method: GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS."),
    ("Headers", "json", False, "Request headers, a map of names to values."),
    ("QueryParameters", "json", False, "Query string parameters, a map of names to values."),
    ("RequestBody", "json", False, "The request body (JSON)."),
]
CUSTOM = {
    ("apigateway", "invoke"): ("Calls an Amazon API Gateway API.", [
        ("ApiEndpoint", "string", True, "The API's host name, e.g. abc123.execute-api.us-east-1.amazonaws.com."),
        ("Method", "string", True, "The HTTP method: GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS."),
        ("Stage", "string", False, "The stage the API is deployed to."),
        ("Path", "string", False, "The resource path after the stage."),
        ("Headers", "json", False, "Request headers, a map of names to lists of values."),
        ("QueryParameters", "json", False, "Query string parameters, a map of names to lists of values."),
        ("RequestBody", "json", False, "The request body (JSON)."),
        ("AllowNullValues", "boolean", False, "Whether null values in the request body are kept."),
        ("AuthType", "string", False, "NO_AUTH, IAM_ROLE or RESOURCE_POLICY."),
    ]),
    ("http", "invoke"): ("Calls a public HTTPS API through an EventBridge connection.",
        _HTTP_COMMON + [
        ("Authentication", "HttpAuthentication", True, "The EventBridge connection that authorises the call."),
        ("Transform", "HttpTransform", False, "How the request body and query are encoded."),
    ]),
    ("elasticmapreduce", "modifyInstanceFleetByName"): ("Modifies an instance fleet of a cluster, named by its name.", [
        ("ClusterId", "string", True, "The cluster's id."),
        ("InstanceFleetName", "string", True, "The name of the instance fleet."),
        ("InstanceFleet", "InstanceFleetModifyConfig", True, "The new configuration."),
    ]),
    ("elasticmapreduce", "modifyInstanceGroupByName"): ("Modifies an instance group of a cluster, named by its name.", [
        ("ClusterId", "string", True, "The cluster's id."),
        ("InstanceGroupName", "string", True, "The name of the instance group."),
        ("InstanceGroup", "InstanceGroupModifyConfig", True, "The new configuration."),
    ]),
    # EMR's optimised actions name the cluster ClusterId where the API says JobFlowId(s).
    ("elasticmapreduce", "setClusterTerminationProtection"): ("Locks a cluster against termination, or unlocks it.", [
        ("ClusterId", "string", True, "The cluster's id."),
        ("TerminationProtected", "boolean", True, "Whether the cluster is protected from termination."),
    ]),
    ("elasticmapreduce", "terminateCluster"): ("Shuts down a cluster.", [
        ("ClusterId", "string", True, "The cluster's id."),
    ]),
    ("elasticmapreduce", "addStep"): ("Adds a step to a running cluster.", [
        ("ClusterId", "string", True, "The cluster's id."),
        ("Step", "StepConfig", True, "The step to run."),
        ("ExecutionRoleArn", "string", False, "The runtime role the step runs as."),
    ]),
    ("elasticmapreduce", "cancelStep"): ("Cancels a pending or running step.", [
        ("ClusterId", "string", True, "The cluster's id."),
        ("StepId", "string", True, "The step's id."),
    ]),
    ("eks", "runJob"): ("Runs a Kubernetes job on an Amazon EKS cluster.", [
        ("ClusterName", "string", True, "The cluster's name."),
        ("CertificateAuthority", "string", True, "The cluster's Base64-encoded certificate data."),
        ("Endpoint", "string", True, "The cluster's Kubernetes API endpoint."),
        ("Namespace", "string", False, "The namespace to run the job in."),
        ("Job", "json", True, "The Kubernetes Job manifest (batch/v1)."),
        ("LogOptions", "json", False, "Whether and how to retrieve the job's logs."),
    ]),
    ("eks", "call"): ("Calls the Kubernetes API of an Amazon EKS cluster.", [
        ("ClusterName", "string", True, "The cluster's name."),
        ("CertificateAuthority", "string", True, "The cluster's Base64-encoded certificate data."),
        ("Endpoint", "string", True, "The cluster's Kubernetes API endpoint."),
        ("Method", "string", True, "The HTTP method: GET, POST, PUT, DELETE, HEAD or PATCH."),
        ("Path", "string", True, "The Kubernetes REST API path."),
        ("QueryParameters", "json", False, "Query string parameters, a map of names to lists of values."),
        ("RequestBody", "json", False, "The request body."),
    ]),
}
# Structures the custom requests use that no botocore model has.
CUSTOM_SHAPES = {
    "http": {
        "HttpAuthentication": {"t": "structure", "d": "The EventBridge connection to authorise with.",
                               "m": [["ConnectionArn", "String", 1, "The connection's ARN."]]},
        "HttpTransform": {"t": "structure", "d": "How the request is encoded.", "m": [
            ["RequestBodyEncoding", "BodyEncoding", 0, "NONE, or URL_ENCODED for form bodies."],
            ["RequestEncodingOptions", "json", 0, "Array formats for URL-encoded bodies."]]},
        "BodyEncoding": {"t": "string", "e": ["NONE", "URL_ENCODED"]},
        "String": {"t": "string"},
    },
}
# Services that exist only here.
PSEUDO_SERVICES = {"http": ("HTTP Endpoint", "HTTP")}
