// The Patterns tab: building blocks of several states, each dropped as one undo step.
// A pattern is its states with their transitions inside it already set; its `entry` is
// where the drop point now leads, and every way out of it goes where the drop point led
// (`ctx.next`), or ends the scope when nothing followed. Pure; written in the query
// language of the scope it lands in.
import type { BuildContext, Json, NewState } from "./templates";

export interface Pattern {
  id: string;
  label: string;
  description: string;
}

export interface BuiltPattern {
  /** The state the drop point now leads to. */
  entry: string;
  /** Every state, entry first, in the order they are written. */
  states: NewState[];
}

export const PATTERNS: Pattern[] = [
  { id: "pattern-retry-notify", label: "Retry with backoff, catch and notify", description: "A Lambda call retried with backoff; a failure is published to a topic, then the run fails" },
  { id: "pattern-approval", label: "Human approval", description: "Wait for a person's answer (a task token) with a timeout, then branch on it" },
  { id: "pattern-poll", label: "Poll until done", description: "Start a job, then wait and check its status until it ends, at most 10 times" },
  { id: "pattern-fan-out", label: "Fan out, fan in", description: "Run two calls at the same time and combine their results" },
  { id: "pattern-distributed-s3", label: "Distributed Map over S3", description: "Process every object under an S3 prefix in child executions; results written to S3" },
  { id: "pattern-saga", label: "Saga with compensations", description: "Three steps; when one fails, the steps done before it are undone in reverse" },
  { id: "pattern-nested", label: "Run a nested state machine", description: "Start another state machine and wait for its result" },
  { id: "pattern-finally", label: "Try, finally notify", description: "Do the work, then notify whatever happened; a failure still fails the run" },
];

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** The states of pattern `id` for a drop. */
export function buildPattern(id: string, ctx: BuildContext): BuiltPattern {
  const b = new Builder(ctx);
  switch (id) {
    case "pattern-retry-notify": {
      const [call, notify, failed] = b.names("Call Service", "Notify Failure", "Service Failed");
      b.add(call, { ...b.lambda("MyFunction"), Retry: [b.backoff()], Catch: [b.catchAll(notify)], ...b.exit() });
      b.add(notify, { ...b.sns("Failure"), Next: failed });
      b.add(failed, { Type: "Fail", Error: "ServiceFailed", Cause: "The service failed after its retries" });
      return b.done(call);
    }
    case "pattern-approval": {
      const [ask, decide, rejected, timedOut] = b.names("Request Approval", "Approved?", "Rejected", "Approval Timed Out");
      const token = b.ql === "JSONata" ? { TaskToken: "{% $states.context.Task.Token %}" } : { "TaskToken.$": "$$.Task.Token" };
      b.add(ask, {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        [b.args]: { QueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/ApprovalRequests`, MessageBody: { ...token, ...b.dyn("Request", "$", "$states.input") } },
        TimeoutSeconds: 86400,
        Catch: [{ ErrorEquals: ["States.Timeout"], Next: timedOut }],
        Next: decide,
      });
      b.add(decide, { Type: "Choice", Choices: [{ ...b.isTrue("approved"), ...b.ruleExit() }], Default: rejected });
      b.add(rejected, { Type: "Fail", Error: "Rejected", Cause: "The request was not approved" });
      b.add(timedOut, { Type: "Fail", Error: "ApprovalTimedOut", Cause: "No answer within a day" });
      return b.done(ask);
    }
    case "pattern-poll": {
      const [start, wait, check, done, failed, gaveUp] = b.names("Start Job", "Wait For Job", "Get Job Status", "Job Done?", "Job Failed", "Job Timed Out");
      // The checks are counted in a variable: set by the start, one more per check
      // (JSONata: as the status arrives; JSONPath: as the Choice loops back).
      b.add(start, { ...b.lambda("StartJob"), Assign: { attempts: 0 }, Next: wait });
      b.add(wait, { Type: "Wait", Seconds: 30, Next: check });
      b.add(check, { ...b.lambda("GetJobStatus"), ...(b.ql === "JSONata" ? { Assign: { attempts: "{% $attempts + 1 %}" } } : {}), Next: done });
      const status = (value: string) => b.equals("status", value);
      b.add(done, {
        Type: "Choice",
        Choices: [
          { ...status("SUCCEEDED"), ...b.ruleExit() },
          { ...status("FAILED"), Next: failed },
          { ...b.atLeast("attempts", 10), Next: gaveUp },
        ],
        Default: wait,
        ...(b.ql === "JSONPath" ? { Assign: { "attempts.$": "States.MathAdd($attempts, 1)" } } : {}),
      });
      b.add(failed, { Type: "Fail", Error: "JobFailed", Cause: "The job reported FAILED" });
      b.add(gaveUp, { Type: "Fail", Error: "JobTimedOut", Cause: "The job was not done after 10 checks" });
      return b.done(start);
    }
    case "pattern-fan-out": {
      const [fan, combine] = b.names("Fan Out", "Combine Results");
      const branch = (name: string, fn: string) => ({ StartAt: name, States: { [name]: { ...b.lambda(fn), End: true } } });
      const [left, right] = b.names("Get Customer", "Get Orders");
      b.add(fan, { Type: "Parallel", Branches: [branch(left, "GetCustomer"), branch(right, "GetOrders")], Next: combine });
      b.add(combine, {
        Type: "Pass",
        ...(b.ql === "JSONata" ? { Output: { customer: "{% $states.input[0] %}", orders: "{% $states.input[1] %}" } } : { Parameters: { "customer.$": "$[0]", "orders.$": "$[1]" } }),
        ...b.exit(),
      });
      return b.done(fan);
    }
    case "pattern-distributed-s3": {
      const [each, item] = b.names("Process Objects", "Process Object");
      b.add(each, {
        Type: "Map",
        ItemReader: { Resource: "arn:aws:states:::s3:listObjectsV2", [b.args]: { Bucket: "my-bucket", Prefix: "incoming/" } },
        ItemProcessor: {
          ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
          StartAt: item,
          States: { [item]: { ...b.lambda("ProcessObject"), End: true } },
        },
        MaxConcurrency: 100,
        ToleratedFailurePercentage: 5,
        ResultWriter: { Resource: "arn:aws:states:::s3:putObject", [b.args]: { Bucket: "my-bucket", Prefix: "results/" } },
        ...b.exit(),
      });
      return b.done(each);
    }
    case "pattern-saga": {
      const [flight, hotel, pay, undoHotel, undoFlight, failed] = b.names("Reserve Flight", "Reserve Hotel", "Charge Payment", "Cancel Hotel", "Cancel Flight", "Booking Failed");
      b.add(flight, { ...b.lambda("ReserveFlight", "flight"), Catch: [b.catchAll(failed)], Next: hotel });
      b.add(hotel, { ...b.lambda("ReserveHotel", "hotel"), Catch: [b.catchAll(undoFlight)], Next: pay });
      b.add(pay, { ...b.lambda("ChargePayment", "payment"), Catch: [b.catchAll(undoHotel)], ...b.exit() });
      b.add(undoHotel, { ...b.lambda("CancelHotel", "hotelCancel"), Next: undoFlight });
      b.add(undoFlight, { ...b.lambda("CancelFlight", "flightCancel"), Next: failed });
      b.add(failed, { Type: "Fail", Error: "BookingFailed", Cause: "A step failed; the steps before it were undone" });
      return b.done(flight);
    }
    case "pattern-nested": {
      const [call, failed] = b.names("Run Child Workflow", "Child Workflow Failed");
      b.add(call, {
        Type: "Task",
        Resource: "arn:aws:states:::states:startExecution.sync:2",
        [b.args]: {
          StateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:ChildWorkflow`,
          Input: {
            ...b.dyn("StatePayload", "$", "$states.input"),
            ...b.dyn("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID", "$$.Execution.Id", "$states.context.Execution.Id"),
          },
        },
        ...(b.ql === "JSONata" ? { Output: "{% $states.result.Output %}" } : { OutputPath: "$.Output" }),
        Catch: [b.catchAll(failed)],
        ...b.exit(),
      });
      b.add(failed, { Type: "Fail", Error: "ChildWorkflowFailed", Cause: "The nested state machine did not succeed" });
      return b.done(call);
    }
    case "pattern-finally": {
      const [work, notifyDone, notifyFailed, failed] = b.names("Do Work", "Notify Done", "Notify Failed", "Work Failed");
      b.add(work, { ...b.lambda("DoWork"), Catch: [b.catchAll(notifyFailed)], Next: notifyDone });
      b.add(notifyDone, { ...b.sns("Done"), ...b.exit() });
      b.add(notifyFailed, { ...b.sns("Failed"), Next: failed });
      b.add(failed, { Type: "Fail", Error: "WorkFailed", Cause: "The work failed; the failure was notified" });
      return b.done(work);
    }
    default:
      throw new Error(`no pattern ${id}`);
  }
}

/** What the patterns share: names, Lambda and SNS tasks, rules, exits, in both languages. */
class Builder {
  readonly ql: BuildContext["ql"];
  readonly args: string;
  private states: NewState[] = [];
  constructor(private ctx: BuildContext) {
    this.ql = ctx.ql;
    this.args = ctx.ql === "JSONata" ? "Arguments" : "Parameters";
  }
  names(...bases: string[]): string[] {
    return bases.map((b) => this.ctx.unique(b));
  }
  add(name: string, state: Json) {
    this.states.push({ name, state });
  }
  done(entry: string): BuiltPattern {
    if (this.success) this.add(this.success, { Type: "Succeed" });
    return { entry, states: this.states };
  }
  private success: string | null = null;
  /** Where the pattern's way out goes: what followed the drop point, else the end. */
  exit(): Json {
    return this.ctx.next ? { Next: this.ctx.next } : { End: true };
  }
  /** A Choice rule's way out: a rule cannot end the scope, so without a state to go to
   *  it leads to a Succeed of the pattern's own (what ending meant). */
  ruleExit(): Json {
    if (this.ctx.next) return { Next: this.ctx.next };
    this.success ??= this.ctx.unique("Success");
    return { Next: this.success };
  }
  dyn(key: string, path: string, expr: string): Json {
    return this.ql === "JSONata" ? { [key]: `{% ${expr} %}` } : { [`${key}.$`]: path };
  }
  /** A Lambda call given the input, whose result (its Payload) replaces the input, or
   *  is kept beside it as `<field>` (JSONata) / `<field>Result` (JSONPath). */
  lambda(fn: string, field?: string): Json {
    const jsonata = this.ql === "JSONata";
    const payload = this.dyn("Payload", "$", "$states.input");
    const out = field
      ? jsonata
        ? { Output: `{% $merge([$states.input, {"${field}": $states.result.Payload}]) %}` }
        : { ResultSelector: { "Payload.$": "$.Payload" }, ResultPath: `$.${field}Result` }
      : jsonata
        ? { Output: "{% $states.result.Payload %}" }
        : { OutputPath: "$.Payload" };
    return { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", [this.args]: { FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`, ...payload }, ...out };
  }
  sns(subject: string): Json {
    const message = this.dyn("Message", "$", "$states.input");
    return { Type: "Task", Resource: "arn:aws:states:::sns:publish", [this.args]: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:Notifications`, Subject: subject, ...message } };
  }
  backoff(): Json {
    return { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: "FULL" };
  }
  /** Every error to `next`, the input kept with the error beside it (JSONPath). */
  catchAll(next: string): Json {
    return this.ql === "JSONata" ? { ErrorEquals: ["States.ALL"], Next: next } : { ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: next };
  }
  isTrue(field: string): Json {
    return this.ql === "JSONata" ? { Condition: `{% $states.input.${field} = true %}` } : { Variable: `$.${field}`, BooleanEquals: true };
  }
  equals(field: string, value: string): Json {
    return this.ql === "JSONata" ? { Condition: `{% $states.input.${field} = '${value}' %}` } : { Variable: `$.${field}`, StringEquals: value };
  }
  atLeast(variable: string, n: number): Json {
    return this.ql === "JSONata" ? { Condition: `{% $${variable} >= ${n} %}` } : { Variable: `$${variable}`, NumericGreaterThanEquals: n };
  }
}
