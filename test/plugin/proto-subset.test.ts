import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { methodGroups, type ProtoJson } from '../../src/plugin/proto-subset.js';
import { PROTO_JSON_FILE, SERVICES } from '../../src/plugin/protos.js';

const ROOT = JSON.parse(readFileSync(PROTO_JSON_FILE, 'utf8')) as ProtoJson;

/** Every message and enum a JSON holds, by fully qualified name. */
function typesIn(node: ProtoJson, path: string[] = []): string[] {
  return Object.entries(node.nested ?? {}).flatMap(([name, child]) => {
    const own = child.fields !== undefined || child.values !== undefined ? [[...path, name].join('.')] : [];
    return [...own, ...typesIn(child, [...path, name])];
  });
}

describe('codec groups of a service', () => {
  it('keep apart the methods that share no type: PluginInfo waits for none of ConfigSchema\'s HCL spec types', () => {
    assert.deepEqual(methodGroups(ROOT, SERVICES.base).map((g) => g.methods), [['PluginInfo'], ['ConfigSchema'], ['SetConfig']]);
    const info = methodGroups(ROOT, SERVICES.base)[0]!.json();
    assert.deepEqual(typesIn(info).sort(), [
      'hashicorp.nomad.plugins.base.proto.PluginInfoRequest',
      'hashicorp.nomad.plugins.base.proto.PluginInfoResponse',
      'hashicorp.nomad.plugins.base.proto.PluginType',
    ]);
  });

  it('hold every method of the service once, no type in two groups, and only their own methods', () => {
    for (const service of Object.values(SERVICES)) {
      const groups = methodGroups(ROOT, service);
      let node: ProtoJson = ROOT;
      for (const part of service.split('.')) node = node.nested![part]!;
      assert.deepEqual(groups.flatMap((g) => g.methods).sort(), Object.keys(node.methods ?? {}).sort(), service);
      const types = groups.flatMap((g) => typesIn(g.json()));
      assert.equal(new Set(types).size, types.length, `${service}: a type in two groups`);
      for (const g of groups) {
        let copy = g.json();
        for (const part of service.split('.')) copy = copy.nested![part]!;
        assert.deepEqual(Object.keys(copy.methods ?? {}), g.methods, service);
      }
    }
  });
});
