/** The shape of fixtures/conformance/cases.json and notes.json. */

export interface ExpectedError {
  summary: string;
  detail?: string;
  /** `line:col-line:col` */
  subject?: string;
}

/** A result as the reference writes it: the value's type and value (numbers as their exact text), or errors. */
export interface Expected {
  type?: string;
  value?: unknown;
  null?: boolean;
  errors?: ExpectedError[];
}

export interface Note {
  /** the answer of the newest Nomad (HCL 2.20, cty 1.19), where it differs from Debian's older libraries */
  newer?: Expected;
  /** why the newer answer differs */
  reason?: string;
  /** a known difference of the job loader from the reference, and why it is accepted */
  exception?: string;
}

export interface Notes {
  target: string;
  cases: Record<string, Note>;
}

export interface ConformanceCase extends Note {
  id: string;
  expr: string;
  expect: Expected;
}

export interface ConformanceData {
  header: { about: string; reference: string; target: string; context: [string, string][] };
  cases: ConformanceCase[];
}
