// Prints every skipped test with its title (which carries the reason: "SKIPPED: KAFKA_BROKERS is
// not set ..."), so a skip is visible in CI's output and never read as a pass, then one plain
// closing line of counts. Plain JS: Jest loads reporters untransformed.
export default class SkippedReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.testResults.flatMap((file) =>
      file.testResults
        .filter((t) => t.status === 'pending' || t.status === 'skipped' || t.status === 'todo')
        .map((t) => `${file.testFilePath.replace(`${process.cwd()}/`, '')}: ${t.fullName}`),
    );
    if (skipped.length > 0) {
      process.stdout.write(
        `\nSkipped tests (${skipped.length}), each with its reason:\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`,
      );
    }
    process.stdout.write(
      `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`,
    );
  }
}
