// The Actions part of the States browser, as pure functions over the catalogue's search
// answers: test ids, the pattern an item starts with, the Resource a pattern makes, and
// grouping by service (in the order of each service's best hit, so ranking survives).
import type { ActionSummary, Pattern } from "../ipc";

/** How many actions the list asks for at a time: a page never renders thousands. */
export const PAGE = 40;

const PREFIX = "arn:aws:states:::";

/** The test id suffix of an action (`lambda-invoke`, `dynamodb-putitem`,
 *  `aws-sdk-s3-getobject`): its Resource without the ARN prefix, lowercased. */
export function actionId(a: ActionSummary): string {
  return a.resource.replace(PREFIX, "").replace(/[^A-Za-z0-9]+/g, "-").toLowerCase();
}

/** What the browser's narrow picker shows. */
export const PATTERN_SHORT: Record<Pattern, string> = {
  requestResponse: "Request",
  sync: ".sync",
  sync2: ".sync:2",
  waitForTaskToken: "Callback",
};

export const PATTERN_LABEL: Record<Pattern, string> = {
  requestResponse: "Request response",
  sync: "Run a job (.sync)",
  sync2: "Run a job, JSON output (.sync:2)",
  waitForTaskToken: "Wait for callback (.waitForTaskToken)",
};

const SUFFIX: Record<Pattern, string> = { requestResponse: "", sync: ".sync", sync2: ".sync:2", waitForTaskToken: ".waitForTaskToken" };

/** A job-like action starts by waiting for its job (what a workflow usually wants of
 *  ECS RunTask or Glue StartJobRun); anything else by its plain request. */
export function defaultPattern(a: ActionSummary): Pattern {
  for (const p of ["sync2", "sync", "requestResponse"] as const) if (a.patterns.includes(p)) return p;
  return a.patterns[0] ?? "requestResponse";
}

export function resourceWith(a: ActionSummary, p: Pattern): string {
  return a.resource + SUFFIX[p];
}

/** The pattern a Resource's suffix names. */
export function patternOf(resource: string): Pattern {
  const r = resource.trim();
  if (r.endsWith(".sync:2")) return "sync2";
  if (r.endsWith(".sync")) return "sync";
  if (r.endsWith(".waitForTaskToken")) return "waitForTaskToken";
  return "requestResponse";
}

/** The Resource with its pattern suffix swapped for `p`'s. */
export function withPattern(resource: string, p: Pattern): string {
  const base = resource.trim().replace(/\.(sync(:2)?|waitForTaskToken)$/, "");
  return base + SUFFIX[p];
}

/** The name a dropped action's state starts from: "DynamoDB PutItem". */
export function actionStateName(a: ActionSummary): string {
  return `${a.serviceId} ${a.action}`;
}

/** The label of the service a group of actions is under, short enough for the list:
 *  "Amazon DynamoDB", and "Amazon SNS" rather than "Amazon Simple Notification Service". */
export function groupTitle(a: ActionSummary): string {
  if (a.service.length <= 26 || a.service.includes(a.serviceId)) return a.service;
  const vendor = /^(Amazon|AWS) /.exec(a.service)?.[0] ?? "";
  return vendor + a.serviceId;
}

export interface ServiceGroup {
  key: string;
  title: string;
  actions: ActionSummary[];
}

/** Actions grouped under their service, services in the order of their first action. */
export function groupByService(actions: ActionSummary[]): ServiceGroup[] {
  const groups = new Map<string, ServiceGroup>();
  for (const a of actions) {
    const key = a.service;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, title: groupTitle(a), actions: [] }));
    g.actions.push(a);
  }
  return [...groups.values()];
}
