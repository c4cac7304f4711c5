import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function writeChart(dir: string): void {
  void dir; void existsSync; void readFileSync; void writeFileSync; void join;
}
