// The one topic the log is published to (DESIGN.md "Messaging and scale"): key = stream id, so
// every event of a stream lands on one partition, in position order.
export const ledgerEventsTopic = 'ledger.events';

/** Partitions of the topic when the relay creates it (KAFKA_PARTITIONS overrides). */
export const defaultLedgerPartitions = 12; // KAFKA_PARTITIONS; see src/config/app-config.ts
