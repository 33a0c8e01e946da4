import { createAwsApiServer, type ApiLambda } from './aws/api-server';
import { createAzureApiServer, type HttpFunction } from './azure/api-server';
import { FrontDoorGate } from './front-door-gate';
import type { LocalLogger } from './log';

// Both public ports, opened before the clouds load (main.ts does it before importing their SDKs).

export interface FrontDoors {
  aws: FrontDoorGate<ApiLambda>;
  azure: FrontDoorGate<HttpFunction>;
}

/** Both ports listening (answering 503 until served); PortInUseError, and nothing left open, when one is taken. */
export async function openFrontDoors(ports: { aws: number; azure: number }, log: LocalLogger): Promise<FrontDoors> {
  const doors: FrontDoors = {
    aws: new FrontDoorGate<ApiLambda>('local-aws', log, 'pass --aws-port <port> to choose another', (get) =>
      createAwsApiServer(get, log),
    ),
    azure: new FrontDoorGate<HttpFunction>('local-azure', log, 'pass --azure-port <port> to choose another', (get) =>
      createAzureApiServer(get, log),
    ),
  };
  try {
    await doors.aws.open(ports.aws);
    await doors.azure.open(ports.azure);
    return doors;
  } catch (error) {
    await Promise.all([doors.aws.close(), doors.azure.close()]);
    throw error;
  }
}
