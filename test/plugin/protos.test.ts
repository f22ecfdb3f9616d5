import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PROTO_JSON_FILE, serviceDefinition, SERVICES, type ServiceKey } from '../../src/plugin/protos.js';
import { protoJsonText } from '../../tools/proto-json.js';

test('proto/protos.json is what `npm run protos` makes of the .proto files', () => {
  assert.equal(readFileSync(PROTO_JSON_FILE, 'utf8'), protoJsonText());
});

test('every service offers the methods a Nomad host calls, with the right streaming shape', () => {
  const shape = (key: ServiceKey): string[] =>
    Object.entries(serviceDefinition(key)).map(([name, m]) => `${name}${m.requestStream ? ' <-stream' : ''}${m.responseStream ? ' stream->' : ''}`);
  assert.deepEqual(shape('health'), ['Check', 'Watch stream->']);
  assert.deepEqual(shape('controller'), ['Shutdown']);
  assert.deepEqual(shape('stdio'), ['StreamStdio stream->']);
  assert.deepEqual(shape('broker'), ['StartStream <-stream stream->']);
  assert.deepEqual(shape('base'), ['PluginInfo', 'ConfigSchema', 'SetConfig']);
  assert.deepEqual(shape('driver'), [
    'Init', 'TaskConfigSchema', 'Capabilities', 'Fingerprint stream->', 'RecoverTask', 'StartTask', 'WaitTask', 'StopTask', 'DestroyTask',
    'InspectTask', 'TaskStats stream->', 'TaskEvents stream->', 'Shutdown', 'SignalTask', 'ExecTask', 'ExecTaskStreaming <-stream stream->',
    'CreateNetwork', 'DestroyNetwork',
  ]);
  assert.equal(serviceDefinition('driver').StartTask!.path, `/${SERVICES.driver}/StartTask`);
});

test('messages round-trip with Nomad\'s field names, numbers as numbers and enums by name', () => {
  const inspect = serviceDefinition('driver').InspectTask!;
  const bytes = inspect.responseSerialize({ task: { id: 'a/b/c', state: 'EXITED', result: { exit_code: 7 }, started_at: { seconds: 1764400000 } } });
  assert.deepEqual(JSON.parse(JSON.stringify(inspect.responseDeserialize(bytes))), {
    task: {
      id: 'a/b/c',
      name: '',
      state: 'EXITED',
      started_at: { seconds: 1764400000, nanos: 0 },
      completed_at: null,
      result: { exit_code: 7, signal: 0, oom_killed: false },
    },
    driver: null,
    network_override: null,
  });
});
