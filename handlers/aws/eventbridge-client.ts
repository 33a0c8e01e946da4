// The EventBridge client and the bus publisher, once per container on first use; only the publisher
// entry imports this file (see clients.ts for why, and for endpoints; time-budget.ts for timeouts).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AWS_ENV } from '../../contract/aws';
import type { Settings } from '../core/settings';
import { EventBridgePublisher } from './event-publisher';
import { awsSetting, functionTimeoutSeconds } from './settings';
import { budgetedClientConfig, callBudgetMiddleware, callBudgetMiddlewareOptions } from './time-budget';

let eventBridge: EventBridgeClient | undefined;
let publisher: EventBridgePublisher | undefined;

export function eventBridgeClient(settings: Settings = process.env): EventBridgeClient {
  if (!eventBridge) {
    const seconds = functionTimeoutSeconds(settings);
    eventBridge = new EventBridgeClient(budgetedClientConfig(seconds));
    eventBridge.middlewareStack.add(callBudgetMiddleware(seconds), callBudgetMiddlewareOptions);
  }
  return eventBridge;
}

export function eventPublisher(settings: Settings = process.env): EventBridgePublisher {
  publisher ??= new EventBridgePublisher(eventBridgeClient(settings), awsSetting(AWS_ENV.eventBus, settings));
  return publisher;
}
