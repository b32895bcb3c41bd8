import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

// One kafkajs client per process. Retries are bounded (kafkajs retries a request up to 8 times
// with exponential backoff capped at 30 s); the relay and the worker add their own backoff around
// whole batches when the brokers stay away longer.
export function kafkaClient(brokers: readonly string[], clientId: string, log?: (entry: Record<string, unknown>) => void): Kafka {
  const config: KafkaConfig = {
    clientId,
    brokers: [...brokers],
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 30_000 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log: entry }) => {
      if (level <= logLevel.WARN) log?.({ message: entry.message, namespace, kafkaLevel: logLevel[level] });
    },
  };
  return new Kafka(config);
}
