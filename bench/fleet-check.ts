/**
 * What went wrong in a recorded round, one line per problem: a task that did not start, a jail with another
 * task's name or ports, a shared host port or address, a lost or wrong exit code, a missing or extra event, a
 * stats stream that sampled nothing or did not end, a pot left behind, a task the plugin did not forget.
 */
import { hostPort } from './emulator-pots.js';
import { STOP_SIGNAL } from './fleet-plan.js';
import type { EventLine, RoundRecord } from './fleet-round.js';
import { FLEET_IMAGE } from './fleet-task.js';

export function roundProblems(record: RoundRecord): string[] {
  const problems: string[] = [];
  const add = (id: string, what: string): void => void problems.push(`${id}: ${what}`);
  for (const [id, error] of Object.entries(record.startErrors)) add(id, `StartTask failed: ${error}`);

  const potOf = new Map(record.requests.map((request) => [request.config.id, request.potName]));
  const portsOf = new Map(record.requests.map((request, i) => [request.potName, portEntries(record, i)]));
  for (const id of record.started) {
    if (record.potNames[id] !== potOf.get(id)) add(id, `InspectTask names the jail "${record.potNames[id]}", not ${potOf.get(id)}`);
  }
  for (const pot of record.pots) {
    const own = portsOf.get(pot.name);
    if (own === undefined) problems.push(`pot ${pot.name} belongs to no task of the round`);
    else if ([...pot.exportPorts].sort().join(' ') !== own) problems.push(`pot ${pot.name} exports ${pot.exportPorts.join(' ')}, not ${own}`);
  }
  for (const pot of record.notStarted) problems.push(`pot ${pot} was never reported started`);
  problems.push(...duplicates('host port', record.pots.flatMap((pot) => pot.exportPorts.map((entry) => String(hostPort(entry))))));
  problems.push(...duplicates('bridge address', record.pots.map((pot) => pot.ip).filter((ip) => ip !== '')));

  for (const [id, first] of Object.entries(record.statsFirst)) if (first !== id) add(id, `TaskStats: ${first}`);
  for (const [id, ended] of Object.entries(record.statsEnded)) if (ended !== 'OK') add(id, `TaskStats stream ended with ${ended}`);

  const planned = new Map(record.requests.map((request, i) => [request.config.id, record.plan[i]!]));
  for (const id of record.started) {
    const want = JSON.stringify(planned.get(id)!.expected);
    const got = JSON.stringify(record.replies[id] ?? 'no WaitTask reply');
    if (got !== want) add(id, `WaitTask yielded ${got}, not ${want}`);
  }
  problems.push(...record.stopErrors.map((error) => `StopTask/DestroyTask: ${error}`));

  for (const request of record.requests) {
    const id = request.config.id;
    if (!record.started.includes(id)) continue;
    const want: EventLine[] = [
      [request.allocId, request.config.taskName, `Preparing jail ${request.potName} from ${FLEET_IMAGE.image} ${FLEET_IMAGE.pot}:${FLEET_IMAGE.tag}`],
      [request.allocId, request.config.taskName, 'Jail started'],
      ...(stoppedTask(record, id) ? [[request.allocId, request.config.taskName, `Stopping jail ${request.potName} with ${STOP_SIGNAL}`] as EventLine] : []),
    ];
    if (JSON.stringify(record.events[id] ?? []) !== JSON.stringify(want)) add(id, `events ${JSON.stringify(record.events[id] ?? [])}`);
  }
  for (const event of record.strayEvents) problems.push(`an event for a task not in the round: ${JSON.stringify(event)}`);
  if (record.potsLeft.length > 0) problems.push(`pot ls -q still lists ${record.potsLeft.join(' ')}`);
  for (const [id, answer] of Object.entries(record.afterDestroy)) if (answer !== 'NOT_FOUND') add(id, `InspectTask after DestroyTask: ${answer}`);
  return problems;
}

function portEntries(record: RoundRecord, index: number): string {
  return (record.plan[index]!.spec.ports ?? []).map((port) => `${port.to}:${port.value}`).sort().join(' ');
}

function duplicates(what: string, values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set(values.filter((value) => seen.size === seen.add(value).size));
  return [...twice].map((value) => `two jails share ${what} ${value}`);
}

/** A task that ran until StopTask (not one that exited by itself) also gets the stop event. */
function stoppedTask(record: RoundRecord, id: string): boolean {
  const index = record.requests.findIndex((request) => request.config.id === id);
  return record.plan[index]!.exitCode === 0;
}
