// Cloud mode's state: the connection form, the account's machines, the open document's
// link and its diff against what is deployed. Rust holds the connection itself; this
// store holds what the panels show.
import { create } from "zustand";
import type { CloudDiff, CloudStatus } from "../ipc";
import * as cloud from "../ipc/cloud";
import type { MachineSummary } from "../ipc/cloud";

interface CloudState {
  profile: string;
  region: string;
  endpoint: string;
  profiles: string[];
  status: CloudStatus | null;
  machines: MachineSummary[] | null;
  search: string;
  busy: string | null;
  error: string | null;
  link: string | null;
  diff: CloudDiff | null;
  set(patch: Partial<CloudState>): void;
}

export const useCloud = create<CloudState>((set) => ({
  profile: "",
  region: "",
  endpoint: "",
  profiles: [],
  status: null,
  machines: null,
  search: "",
  busy: null,
  error: null,
  link: null,
  diff: null,
  set: (patch) => set(patch),
}));

const message = (e: unknown) => (e as { message?: string })?.message ?? String(e);

/** Runs `work` with `what` shown as busy; its error is shown in the panel. */
export async function busy<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
  useCloud.getState().set({ busy: what, error: null });
  try {
    return await work();
  } catch (e) {
    useCloud.getState().set({ error: message(e) });
    return undefined;
  } finally {
    useCloud.getState().set({ busy: null });
  }
}

export async function connect(): Promise<void> {
  const { profile, region, endpoint } = useCloud.getState();
  await busy("Connecting…", async () => {
    const status = await cloud.awsConnect(profile, region, endpoint);
    useCloud.getState().set({ status, machines: null });
    const machines = await cloud.awsList();
    useCloud.getState().set({ machines });
  });
}

export async function refreshMachines(): Promise<void> {
  await busy("Listing…", async () => useCloud.getState().set({ machines: await cloud.awsList() }));
}

/** The open document's link (and, linked and connected, its diff). */
export async function refreshLink(): Promise<void> {
  const link = await cloud.awsLinkGet().catch(() => null);
  useCloud.getState().set({ link, diff: null });
  if (link && useCloud.getState().status) await compare();
}

export async function compare(): Promise<void> {
  await busy("Comparing with the deployed machine…", async () => useCloud.getState().set({ diff: await cloud.awsDiff() }));
}
