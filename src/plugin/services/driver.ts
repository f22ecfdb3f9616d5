/**
 * hashicorp.nomad.plugins.drivers.proto.Driver: proto messages in, `DriverService` calls, proto messages out.
 * TaskConfigSchema is answered here from the schema; everything else is the port's.
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { TASK_CONFIG_SCHEMA } from '../../driver/schema.js';
import { decodeConfig } from '../codec.js';
import { capabilitiesToProto } from '../convert/capabilities.js';
import { exitResultToProto } from '../convert/exit-result.js';
import { networkIsolationFromProto, networkIsolationToProto, networkOverrideToProto, type NetworkIsolationSpecMsg } from '../convert/network.js';
import { taskConfigFromProto, type TaskConfigMsg } from '../convert/task-config.js';
import { taskHandleFromProto, taskHandleToProto, type TaskHandleMsg } from '../convert/task-handle.js';
import { taskStatusToProto } from '../convert/task-status.js';
import { durationFromProto, type DurationMsg } from '../convert/time.js';
import { PayloadError, UnimplementedError } from '../errors.js';
import { specFromSchema } from '../hclspec.js';
import type { Settler } from '../settle.js';
import type { DriverService, NomadTask } from './driver-port.js';
import { driverStreams } from './driver-streams.js';

interface TaskIdMsg {
  task_id: string;
}

export function driverService(port: DriverService, settle: Settler): UntypedServiceImplementation {
  const optional = <K extends keyof DriverService>(name: K, rpc: string): NonNullable<DriverService[K]> => {
    const method = port[name];
    if (typeof method !== 'function') throw new UnimplementedError(`the pot driver does not implement ${rpc}`);
    return method.bind(port) as NonNullable<DriverService[K]>;
  };

  return {
    TaskConfigSchema: settle.unary('TaskConfigSchema', async () => ({ spec: specFromSchema(TASK_CONFIG_SCHEMA) })),

    Capabilities: settle.unary('Capabilities', async (_request: unknown, signal) => ({
      capabilities: capabilitiesToProto(await port.capabilities(signal)),
    })),

    StartTask: settle.unary('StartTask', async (request: { task: Partial<TaskConfigMsg> | null }, signal) => {
      if (!request.task) throw new PayloadError('StartTask arrived without a task config');
      const { rawDriverConfig, ...task } = taskConfigFromProto(request.task);
      requireTaskId(task.id, 'StartTask');
      const driverConfig = decodeConfig(rawDriverConfig, TASK_CONFIG_SCHEMA);
      const started = await port.startTask({ task, driverConfig }, signal);
      return {
        result: 'SUCCESS',
        driver_error_msg: '',
        handle: taskHandleToProto(started.handle, request.task),
        network_override: started.network ? networkOverrideToProto(started.network) : null,
      };
    }),

    RecoverTask: settle.unary('RecoverTask', async (request: { task_id: string; handle: Partial<TaskHandleMsg> | null }, signal) => {
      if (!request.handle) throw new PayloadError('RecoverTask arrived without a task handle');
      const { taskId, handle, task } = taskHandleFromProto(request.handle);
      const id = taskId || request.task_id;
      requireTaskId(id, 'RecoverTask');
      let nomadTask: NomadTask | undefined;
      if (task) {
        const { rawDriverConfig: _unused, ...rest } = task;
        nomadTask = rest;
      }
      await port.recoverTask({ taskId: id, handle, ...(nomadTask ? { task: nomadTask } : {}) }, signal);
      return {};
    }),

    WaitTask: settle.unary('WaitTask', async (request: TaskIdMsg, signal) => {
      const result = await port.waitTask(request.task_id, signal);
      return { result: exitResultToProto(result), err: result.err ?? '' };
    }),

    StopTask: settle.unary('StopTask', async (request: TaskIdMsg & { timeout: DurationMsg | null; signal: string }, signal) => {
      await port.stopTask(request.task_id, durationFromProto(request.timeout), request.signal ?? '', signal);
      return {};
    }),

    DestroyTask: settle.unary('DestroyTask', async (request: TaskIdMsg & { force: boolean }, signal) => {
      await port.destroyTask(request.task_id, request.force === true, signal);
      return {};
    }),

    InspectTask: settle.unary('InspectTask', async (request: TaskIdMsg, signal) => {
      const inspected = await optional('inspectTask', 'InspectTask')(request.task_id, signal);
      return {
        task: taskStatusToProto(inspected.status),
        driver: { attributes: { ...inspected.driverAttributes } },
        network_override: inspected.network ? networkOverrideToProto(inspected.network) : null,
      };
    }),

    SignalTask: settle.unary('SignalTask', async (request: TaskIdMsg & { signal: string }, signal) => {
      await port.signalTask(request.task_id, request.signal, signal);
      return {};
    }),

    ExecTask: settle.unary('ExecTask', async (request: TaskIdMsg & { command: string[]; timeout: DurationMsg | null }, signal) => {
      const exec = await port.execTask(request.task_id, [...(request.command ?? [])], durationFromProto(request.timeout), signal);
      return { stdout: exec.stdout, stderr: exec.stderr, result: exitResultToProto(exec.result) };
    }),

    Init: settle.unary('Init', async (_request: unknown, signal) => {
      await optional('init', 'Init')(signal);
      return {};
    }),

    Shutdown: settle.unary('Shutdown', async (_request: unknown, signal) => {
      await optional('shutdown', 'Shutdown')(signal);
      return {};
    }),

    CreateNetwork: settle.unary('CreateNetwork', async (request: { alloc_id: string; hostname: string }, signal) => {
      const made = await optional('createNetwork', 'CreateNetwork')(request.alloc_id, request.hostname, signal);
      return { isolation_spec: networkIsolationToProto(made.isolation), created: made.created };
    }),

    DestroyNetwork: settle.unary(
      'DestroyNetwork',
      async (request: { alloc_id: string; isolation_spec: Partial<NetworkIsolationSpecMsg> | null }, signal) => {
        await optional('destroyNetwork', 'DestroyNetwork')(request.alloc_id, networkIsolationFromProto(request.isolation_spec), signal);
        return {};
      },
    ),

    ...driverStreams(port, settle),
  };
}

function requireTaskId(id: string, rpc: string): void {
  if (id === '') throw new PayloadError(`${rpc} arrived without a task id`);
}
