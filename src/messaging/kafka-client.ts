import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

// One kafkajs client per process. kafkajs' own retries are short and bounded (3 retries, backoff
// from 200 ms capped at 2 s), so a failure surfaces within seconds (in /health); the relay then
// retries whole batches with its own capped exponential backoff for as long as the brokers stay away.
export function kafkaClient(
  brokers: readonly string[],
  clientId: string,
  log?: (entry: Record<string, unknown>) => void,
): Kafka {
  const config: KafkaConfig = {
    clientId,
    brokers: [...brokers],
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: entry }) => {
        if (level <= logLevel.WARN)
          log?.({ message: entry.message, namespace, kafkaLevel: logLevel[level] });
      },
  };
  return new Kafka(config);
}
