/** What a reconciliation received, as received: its format, SHA-256 over its bytes, its size. */
export interface ReceivedFile {
  readonly format: 'json' | 'csv';
  readonly hash: string;
  readonly bytes: number;
}
