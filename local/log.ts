// One JSON line per request on stdout: the local counterpart of CloudWatch / Application Insights.

export interface RequestLogLine {
  cloud: 'aws' | 'azure';
  method: string;
  route: string;
  status: number;
  durationMs: number;
}

export type LocalLogger = (line: Record<string, unknown>) => void;

export const stdoutLogger: LocalLogger = (line) => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

export const silentLogger: LocalLogger = () => {};
