/**
 * The panels of each cloud's dashboard, in order. Both dashboard builders (aws/dashboard.ts,
 * azure/dashboard.ts) map every id to their platform's metrics and lay the panels out in this
 * order, so the two dashboards show the same things in the same places.
 */
export const DASHBOARD_PANELS = [
  { id: 'requests', title: 'Requests' },
  { id: 'errors', title: 'Errors' },
  { id: 'latency', title: 'Latency p50 / p95' },
  { id: 'cold-starts', title: 'Cold starts' },
  { id: 'events', title: 'Events published / delivered / dead-lettered' },
  { id: 'store-throttling', title: 'Store throttling' },
] as const;

export type PanelId = (typeof DASHBOARD_PANELS)[number]['id'];

/** Grid placement shared by both dashboards: two panels a row. */
export const PANELS_PER_ROW = 2;
