import { DEFAULT_EMAIL_REACTIONS, REACTION_ACTIONS, type ReactionAction } from "@gardenos/contracts";
import { envInt } from "@gardenos/runtime";
import { z } from "zod";

/**
 * EMAIL_REACTIONS: `category=action` pairs (comma-separated) over the defaults, e.g.
 * `question=none,objection=follow_up`; `off` turns every reaction into `none` (events still go out).
 */
export const emailReactionsSetting = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const out: Record<string, ReactionAction> = { ...DEFAULT_EMAIL_REACTIONS };
    if (v.trim() === "off") return Object.fromEntries(Object.keys(out).map((k) => [k, "none" as const]));
    for (const part of v.split(",").map((x) => x.trim()).filter(Boolean)) {
      const m = /^([a-z_]{1,40})=([a-z_]{1,40})$/.exec(part);
      if (!m || !(REACTION_ACTIONS as readonly string[]).includes(m[2]!)) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not <category>=<${REACTION_ACTIONS.join("|")}>` });
        return z.NEVER;
      }
      out[m[1]!] = m[2] as ReactionAction;
    }
    return out;
  });

export const reactionsConfigShape = {
  /** What each reply category triggers (see libs/contracts/src/reactions.ts); default as issue 16. */
  EMAIL_REACTIONS: emailReactionsSetting,
  /** Priority of the follow-ups a reply queues (8–10 is the high band). Default 9. */
  EMAIL_REACTION_PRIORITY: envInt(9, 1, 10),
  /** Out of office: hours after the start (00:00 UTC) of the return date the follow-up is released. Default 24. */
  EMAIL_OOO_DELAY_HOURS: z.coerce.number().min(0).max(24 * 60).default(24),
  /** Out of office without a return date: days until the follow-up. Default 7. */
  EMAIL_OOO_DEFAULT_DAYS: envInt(7, 1, 60),
  /** How often the scheduler looks for due tasks, in ms. Default 1000. */
  SCHEDULER_POLL_MS: envInt(1000, 50, 60_000),
};
