// What compare's CLI calls for --cost and --traffic (see README, "Costs").
export { estimateCosts, type CostReport, PROFILE_STEPS } from './estimate';
export type { StackSettings } from './model';
export { loadPriceTable, PRICES_FILE, type PriceTable } from './prices';
export { renderCostChartHtml, renderCostReportHtml } from './render-html';
export { costJson, renderCostText } from './render-text';
export { readStackSettings, stackSettingsFromConfig } from './stack-settings';
export { parseTrafficProfile, TRAFFIC_PROFILES, TrafficProfileError, type TrafficProfile } from './traffic';
