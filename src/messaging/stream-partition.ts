import { Partitioners } from 'kafkajs';

// The partition a stream's events go to: Kafka's default (Java-compatible murmur2) partitioner
// over the stream id, computed here so the relay knows, per partition, the last position it sent
// (what a worker-fed read model must reach before a read may be answered from it).
const partitioner = Partitioners.DefaultPartitioner();

export function partitionOf(streamId: string, partitions: number, topic: string): number {
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return partitioner({ topic, partitionMetadata, message: { key: streamId, value: null } });
}
