// The EventBridge client, once per container on first use (see clients.ts for endpoints, config.ts for timeouts).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { budgetedClientConfig, callBudgetMiddleware, callBudgetMiddlewareOptions } from './config';

let eventBridge: EventBridgeClient | undefined;

export function eventBridgeClient(): EventBridgeClient {
  if (!eventBridge) {
    eventBridge = new EventBridgeClient(budgetedClientConfig());
    eventBridge.middlewareStack.add(callBudgetMiddleware(), callBudgetMiddlewareOptions);
  }
  return eventBridge;
}
