/**
 * Building blocks for validation messages. Internal: not re-exported from the package index.
 */

/** Echoes what the caller sent so a message says "(got 1.5)", not just "invalid"; JSON keeps strings quoted. */
export function show(value: unknown): string {
  if (typeof value === "number" || value === undefined) return String(value);
  return JSON.stringify(value);
}

/**
 * zod `error` option for a value of the wrong type: a missing field gets "is required" rather than
 * "must be a string (got undefined)".
 */
export function typeError(label: string, expected: string): (issue: { input?: unknown }) => string {
  return (issue) => {
    if (issue.input === undefined) return `${label} is required`;
    return `${label} must be ${expected} (got ${show(issue.input)})`;
  };
}
