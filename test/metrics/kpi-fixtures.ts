/** Workstream and KPI definitions and recorded values for the KPI tests. */
import type { KpiDefinition, KpiValue, WorkstreamDefinition } from "../../src/model/workstreams.js";

export const MEMBERS: KpiDefinition = {
  id: "active-community-members",
  title: "Active community members",
  source: "recorded",
  period: "monthly",
  target: 2000,
  owner: "U0OWNER1",
};
export const CERTS: KpiDefinition = {
  id: "certifications-total",
  title: "Certifications (total)",
  source: "recorded",
  period: "cumulative",
  target: null,
  owner: null,
};
export const CONTRIBUTORS: KpiDefinition = {
  id: "contributors",
  title: "Contributors",
  source: "contributors",
  period: "monthly",
  target: 1000,
  owner: null,
};
export const WORKSTREAMS: WorkstreamDefinition[] = [
  { id: "brand", title: "Brand", epicRef: "gitlab-com&1795", kpis: [MEMBERS] },
  { id: "certs", title: "Certs", epicRef: "gitlab-com&1277", kpis: [CERTS] },
  { id: "funnel", title: "Funnel", epicRef: "gitlab-com&1796", kpis: [CONTRIBUTORS] },
];

export const value = (kpiId: string, month: string, n: number, by = "U0ALICE1", at = `${month}-28T10:00:00.000Z`) =>
  ({ kpiId, month, value: n, recordedBy: by, recordedAt: at }) satisfies KpiValue;
