// How the bench's tables write numbers, and what a table is: shared by report.ts and the peers' section.

export interface Section {
  title: string;
  head: string[];
  rows: string[][];
  /** Shown under the table in results.md. */
  note?: string;
}

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
export const times = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(2)}×`);
