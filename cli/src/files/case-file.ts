import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { issuesMessage, toIssues } from "@gardenos/contracts";

/** A case file that cannot be read: the message names the file, the line and the field. */
export class CaseFileError extends Error {
  override name = "CaseFileError";
}

/**
 * Reads a JSON Lines file of labelled cases (blank lines and `//` comments skipped): each line
 * checked against `schema`; a case without an `id` is named by its line. `what` names the cases
 * in the error for an empty file ("labelled e-mails", "follow-up cases").
 */
export async function readCaseFile<T extends { id?: string | undefined }>(file: string, schema: z.ZodType<T>, what: string): Promise<Array<T & { id: string }>> {
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new CaseFileError(`${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  });
  const out: Array<T & { id: string }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith("//")) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new CaseFileError(`${file}:${i + 1}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const r = schema.safeParse(json);
    if (!r.success) throw new CaseFileError(`${file}:${i + 1}: ${issuesMessage(toIssues(r.error))}`);
    out.push({ ...r.data, id: r.data.id ?? `line ${i + 1}` });
  }
  if (out.length === 0) throw new CaseFileError(`${file}: no ${what}`);
  return out;
}
