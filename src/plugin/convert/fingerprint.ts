/** Fingerprint and node attributes → proto. */
import type { Attribute, Fingerprint } from '../services/driver-port.js';

export type AttributeMsg =
  | { string_val: string }
  | { bool_val: boolean }
  | { int_val: number; unit: string }
  | { float_val: number; unit: string };

export interface FingerprintResponseMsg {
  attributes: Record<string, AttributeMsg>;
  health: 'UNDETECTED' | 'UNHEALTHY' | 'HEALTHY';
  health_description: string;
  err: string;
}

export function attributeToProto(attribute: Attribute): AttributeMsg {
  if ('string' in attribute) return { string_val: attribute.string };
  if ('bool' in attribute) return { bool_val: attribute.bool };
  if ('int' in attribute) return { int_val: Math.trunc(attribute.int), unit: attribute.unit ?? '' };
  return { float_val: attribute.float, unit: attribute.unit ?? '' };
}

export function fingerprintToProto(fingerprint: Fingerprint): FingerprintResponseMsg {
  const attributes: Record<string, AttributeMsg> = {};
  for (const [key, value] of Object.entries(fingerprint.attributes)) attributes[key] = attributeToProto(value);
  return {
    attributes,
    health: fingerprint.health === 'healthy' ? 'HEALTHY' : fingerprint.health === 'unhealthy' ? 'UNHEALTHY' : 'UNDETECTED',
    health_description: fingerprint.healthDescription,
    err: fingerprint.err ?? '',
  };
}
