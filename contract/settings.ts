// Settings that every function on both clouds reads (Lambda environment, Function App app settings).

/** "true" makes responses carry what they consumed (handlers/core/consumption.ts; compare's cost model). */
export const REPORT_CONSUMPTION_SETTING = 'REPORT_CONSUMPTION';

/** The function's timeout in seconds; the SDK clients fit their attempts into it (handlers/aws/time-budget.ts). */
export const FUNCTION_TIMEOUT_SETTING = 'FUNCTION_TIMEOUT_SECONDS';
