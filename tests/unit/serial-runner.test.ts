import { describe, expect, test } from 'vitest';
import { serialRunner } from '../../src/lib/serial-runner.ts';

/** A task whose runs end when the test says so. */
function controlledTask() {
  const runs: { finish: () => void; fail: (error: Error) => void }[] = [];
  let running = 0;
  let most = 0;
  const task = () =>
    new Promise<void>((resolve, reject) => {
      running++;
      most = Math.max(most, running);
      runs.push({
        finish: () => {
          running--;
          resolve();
        },
        fail: (error) => {
          running--;
          reject(error);
        },
      });
    });
  return { task, runs, most: () => most };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('serialRunner', () => {
  test('runs one at a time; calls made during a run share the one run after it', async () => {
    const { task, runs, most } = controlledTask();
    const run = serialRunner(task);
    const first = run();
    const second = run();
    const third = run();
    expect(second).toBe(third);
    await settled();
    expect(runs).toHaveLength(1);
    runs[0]?.finish();
    await first;
    await settled();
    expect(runs).toHaveLength(2);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await settled();
    expect(secondDone).toBe(false);
    runs[1]?.finish();
    await second;
    expect(most()).toBe(1);
  });

  test('a failed run rejects its own callers only, and the next run still happens', async () => {
    const { task, runs } = controlledTask();
    const run = serialRunner(task);
    const first = run();
    const second = run();
    runs[0]?.fail(new Error('broken file'));
    await expect(first).rejects.toThrow('broken file');
    await settled();
    expect(runs).toHaveLength(2);
    runs[1]?.finish();
    await expect(second).resolves.toBeUndefined();
    const third = run();
    await settled();
    expect(runs).toHaveLength(3);
    runs[2]?.finish();
    await third;
  });
});
