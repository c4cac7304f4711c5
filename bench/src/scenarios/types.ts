export interface ScenarioContext {
  quick: boolean;
  /** Write V8 CPU profiles of the GardenOS services (one extra run). */
  profile: boolean;
  profileDir: string;
  log(line: string): void;
}

export interface ScenarioResult {
  scenario: string;
  params: Record<string, unknown>;
  /** Pass/fail per target (no timing is asserted: the bench only reports). */
  targets: Record<string, boolean | "pending">;
  /** The table (Markdown) printed for this scenario. */
  text: string;
  [k: string]: unknown;
}
