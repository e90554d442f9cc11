// A process drawn as its steps: each step names the case statuses (as the workflow sets them) that mean the case
// is at that step. Optional steps are branches a case may never take; they are shown only once taken.
export interface Step {
  id: string;
  label: { 'zh-CN': string; en: string };
  statuses: string[];
  optional?: boolean;
}
