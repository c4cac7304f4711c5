import { InvalidArgumentError } from "commander";

/** Commander parser for a whole number in [min, max], naming the flag in its error. */
export function intArg(name: string, min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
}

/** Commander parser for repeatable `--map COLUMN=lead.path`. */
export function mapArg(v: string, prev: Record<string, string> = {}) {
  const i = v.lastIndexOf("=");
  if (i <= 0 || i === v.length - 1) throw new InvalidArgumentError(`expected COLUMN=lead.path, e.g. "Job=contact.title"`);
  return { ...prev, [v.slice(0, i)]: v.slice(i + 1) };
}
