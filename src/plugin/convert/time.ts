/** google.protobuf.Duration and Timestamp ⇄ milliseconds and Dates. */

export interface DurationMsg {
  seconds: number | string;
  nanos: number;
}

export interface TimestampMsg {
  seconds: number | string;
  nanos: number;
}

/** Go's zero `time.Time` on the wire; Nomad sends and expects it for "never". */
export const GO_ZERO_TIME: Readonly<TimestampMsg> = { seconds: -62135596800, nanos: 0 };

/** Milliseconds; an absent duration is 0. */
export function durationFromProto(msg: DurationMsg | null | undefined): number {
  if (!msg) return 0;
  const ms = Number(msg.seconds) * 1000 + Number(msg.nanos) / 1e6;
  return Number.isFinite(ms) ? ms : 0;
}

export function durationToProto(ms: number): DurationMsg {
  const whole = Number.isFinite(ms) ? ms : 0;
  const seconds = Math.trunc(whole / 1000);
  return { seconds, nanos: Math.round((whole - seconds * 1000) * 1e6) };
}

/** `undefined` for an absent timestamp and for Go's zero time. */
export function timestampFromProto(msg: TimestampMsg | null | undefined): Date | undefined {
  if (!msg) return undefined;
  const seconds = Number(msg.seconds);
  if (!Number.isFinite(seconds) || seconds === GO_ZERO_TIME.seconds) return undefined;
  return new Date(seconds * 1000 + Math.floor(Number(msg.nanos) / 1e6));
}

/** An absent or invalid date becomes Go's zero time, which Nomad reads as "not set". */
export function timestampToProto(date: Date | undefined): TimestampMsg {
  const ms = date?.getTime();
  if (ms === undefined || !Number.isFinite(ms)) return { ...GO_ZERO_TIME };
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1e6 };
}
