/**
 * Runs an async task one call at a time. A call while the task runs does not start a second
 * run beside it: it waits for the run after the current one, which every call made in the
 * meantime shares. So each call's promise settles after a run that started after the call
 * (that run sees whatever the call was made for), and a burst of calls costs two runs.
 */
export function serialRunner(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const run = task().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    // The run that follows the current one, whatever the current one's outcome.
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}
