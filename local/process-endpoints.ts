import { randomBytes } from 'node:crypto';

// The handlers create their SDK clients once per module instance (as once per Lambda / Functions
// container) from the environment of their first invocation. A second startLocal() in the same
// process must therefore offer the emulators at the same endpoints, with the same topic key, or the
// cached clients would talk to ports that are gone. So the emulators' ports and the key are chosen
// once per process (ephemeral the first time) and reused afterwards.

const ports = new Map<string, number>();
let eventGridKey: string | undefined;

/** The port this emulator had before in this process, or 0 (any free port) the first time. */
export function emulatorPort(name: string): number {
  return ports.get(name) ?? 0;
}

export function rememberEmulatorPort(name: string, port: number): number {
  ports.set(name, port);
  return port;
}

export function processEventGridKey(): string {
  eventGridKey ??= randomBytes(32).toString('base64');
  return eventGridKey;
}
