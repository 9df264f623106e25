// Cloud mode's commands (src-tauri/src/aws_commands.rs): AWS Step Functions through the
// SDK's credential chain. Nothing here is called unless the user asks.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { CloudDiff, CloudStatus, Snapshot } from "./types";
import type { RunEvent, RunSummary } from "./run";

/** One state machine of the account (asl-aws's MachineSummary). */
export interface MachineSummary {
  name: string;
  type: string;
  arn: string;
  creationDate: string;
}

/** What a deploy did (asl-aws's Deployment). */
export interface Deployment {
  arn: string;
  created: boolean;
  versionArn: string | null;
  aliasArn: string | null;
}

/** AWS's ValidateStateMachineDefinition answer (asl-aws's ServerValidation). */
export type ServerValidation =
  | { result: "OK" | "FAIL"; diagnostics: { severity: string; code: string; message: string; location: string | null }[] }
  | { result: "NOT_CHECKED"; reason: string };

export const awsProfiles = () => invoke<string[]>("aws_profiles");
export const awsConnect = (profile: string, region: string, endpointUrl: string) =>
  invoke<CloudStatus>("aws_connect", { profile, region, endpointUrl });
export const awsList = () => invoke<MachineSummary[]>("aws_list");
/** Opens a deployed machine's definition as a new untitled document linked to it. */
export const awsOpen = (arn: string) => invoke<Snapshot>("aws_open", { arn });
export const awsLinkGet = () => invoke<string | null>("aws_link_get");
export const awsLinkSet = (arn: string | null) => invoke<string | null>("aws_link_set", { arn });
export const awsDiff = () => invoke<CloudDiff>("aws_diff");
export const awsDeploy = (publish: boolean, alias: string | null) => invoke<Deployment>("aws_deploy", { publish, alias });
/** Starts a cloud execution of the linked machine; its events come as a local run's do. */
export const awsStart = (input: unknown, onEvent: (event: RunEvent) => void) => {
  const channel = new Channel<RunEvent[]>();
  channel.onmessage = (batch) => batch.forEach(onEvent);
  return invoke<RunSummary>("aws_start", { input, onEvent: channel });
};

/** One state of a run told from its history (asl-aws's Step), as the run diff shows it. */
export interface RunStep {
  key: string;
  status: string;
  output: unknown;
}

/** A recorded run beside a local one (asl-aws's RunDiff). */
export interface RunDiff {
  rows: { key: string; recorded: RunStep | null; local: RunStep | null; differences: string[] }[];
  first_difference: number | null;
  outcome: string[];
  recorded: { status: string };
  local: { status: string };
}

/** Imports a history file (`path` null: the open dialog) as a run of the open machine. */
export const historyImport = (path: string | null) => invoke<RunSummary | null>("history_import", { path });
/** Imports a cloud execution's history by ARN. */
export const awsImportExecution = (executionArn: string) => invoke<RunSummary>("aws_import_execution", { executionArn });
/** Run `runId` beside the open document run locally on its input (recorded task results as mocks). */
export const runDiffLocal = (runId: number) => invoke<RunDiff>("run_diff_local", { runId });
