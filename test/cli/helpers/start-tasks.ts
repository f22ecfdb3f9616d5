/**
 * Run as a child process by the run fixture: starts tasks with the driver core, prints their handles as JSON
 * and exits at once, leaving the jails running with nobody watching them, as a supervisor that died would.
 */
import { PotDriver } from '../../../src/driver/driver.js';
import type { NomadTask, RawDriverConfig } from '../../../src/driver/types.js';

interface Input {
  potBin: string;
  tasks: { task: NomadTask; config: RawDriverConfig }[];
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Input;
const driver = new PotDriver({ defaults: { potBin: input.potBin }, timings: { keepAlive: false } });
const signal = new AbortController().signal;
const started = [];
for (const { task, config } of input.tasks) {
  const { handle } = await driver.startTask({ task, driverConfig: config }, signal);
  started.push({ taskId: task.id, handle: { version: handle.version, state: handle.state, driverState: Buffer.from(handle.driverState).toString('base64') } });
}
process.stdout.write(JSON.stringify(started), () => process.exit(0));
