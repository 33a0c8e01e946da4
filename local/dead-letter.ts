/** What a failed delivery leaves behind: the local stand-in for the SQS DLQ / dead-letter container. */
export interface DeadLetter<T> {
  /** Which emulated pipe gave up: e.g. "aws.eventbridge", "azure.changefeed". */
  source: string;
  item: T;
  attempts: number;
  error: string;
  time: string;
}
