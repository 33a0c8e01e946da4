// The EventBridge client, once per container on first use (see clients.ts for endpoints and timeouts).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { requestHandler } from './config';

let eventBridge: EventBridgeClient | undefined;

export function eventBridgeClient(): EventBridgeClient {
  return (eventBridge ??= new EventBridgeClient({ requestHandler }));
}
