import type { JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { agentTypes, type ReactionAction } from "@gardenos/contracts";
import { ensureReactionConsumer, openScheduledKv, type Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { Database } from "../db/index.js";
import type { TaskSubmitter } from "../intake/task-intake.js";
import type { TaskCollection } from "../live/task-collection.js";
import type { OutcomeStore } from "../outcomes/outcome-store.js";
import type { LeadKey, LeadStore } from "../recording/leads.js";
import type { TaskStore } from "../recording/task-store.js";
import { Scheduler } from "../scheduler/scheduler.js";
import { scheduledRoutes } from "../scheduler/routes-scheduled.js";
import { SuppressionStore } from "../suppressions/suppression-store.js";
import { suppressionRoutes } from "../suppressions/routes-suppressions.js";
import { FollowUpQueue } from "./follow-up-queue.js";
import { Reactions } from "./react.js";
import { Reactor } from "./reactor.js";
import { keptLeadResolver, type LeadResolver } from "./resolve-lead.js";

/** The agent type whose results the reactor reads (registered by the e-mail classification contract). */
export const CLASSIFICATION_TYPE = "email_classification";

export interface ReactionsHandle {
  scheduler: Scheduler;
  suppressions: SuppressionStore;
  reactor: Reactor | undefined;
  /** The do-not-contact check that also honours the suppression list (contact check, follow-up intake). */
  isDoNotContact(k: LeadKey, tenant: string): Promise<boolean>;
  routes: ((f: FastifyInstance) => Promise<void>)[];
  stop(): Promise<void>;
}

/**
 * Starts the reply orchestration in the gateway: the suppression list, the scheduler of delayed
 * tasks, and (when the e-mail classification type is registered) the reactor on `email.classified`.
 */
export async function startReactions(o: {
  nc: NatsConnection;
  jsm: JetStreamManager;
  database: Database;
  intake: TaskSubmitter;
  store: Pick<TaskStore, "get">;
  leads: Pick<LeadStore, "isDoNotContact">;
  outcomes: Pick<OutcomeStore, "record">;
  collection: Pick<TaskCollection, "cancel">;
  log: Logger;
  cfg: { STREAM_REPLICAS: number; EMAIL_REACTIONS: Record<string, ReactionAction>; EMAIL_REACTION_PRIORITY: number; EMAIL_OOO_DELAY_HOURS: number; EMAIL_OOO_DEFAULT_DAYS: number; SCHEDULER_POLL_MS: number };
  resolveLead?: LeadResolver;
}): Promise<ReactionsHandle> {
  const suppressions = new SuppressionStore(o.database.db);
  const scheduler = new Scheduler(await openScheduledKv(o.nc, o.cfg.STREAM_REPLICAS), o.intake, o.log, { pollMs: o.cfg.SCHEDULER_POLL_MS });
  await scheduler.start();
  const isDoNotContact = async (k: LeadKey, tenant: string) => (await o.leads.isDoNotContact(k, tenant)) || (await suppressions.isSuppressed(k, tenant));
  let reactor: Reactor | undefined;
  const def = agentTypes.get(CLASSIFICATION_TYPE);
  if (def) {
    await ensureReactionConsumer(o.jsm, def.resultSubject);
    const reactions = new Reactions({
      intake: o.intake,
      suppressions,
      doNotContact: o.leads,
      scheduler,
      resolveLead: o.resolveLead ?? keptLeadResolver(o.database.db),
      outcomes: o.outcomes,
      followUps: new FollowUpQueue(o.database.db, o.collection),
      config: { reactions: o.cfg.EMAIL_REACTIONS, priority: o.cfg.EMAIL_REACTION_PRIORITY, oooDelayHours: o.cfg.EMAIL_OOO_DELAY_HOURS, oooDefaultDays: o.cfg.EMAIL_OOO_DEFAULT_DAYS },
    });
    reactor = new Reactor(o.nc, def, { get: (id) => o.store.get(id) }, reactions, o.log);
    await reactor.start();
  }
  return {
    scheduler,
    suppressions,
    reactor,
    isDoNotContact,
    routes: [suppressionRoutes({ suppressions, log: o.log }), scheduledRoutes({ scheduler, log: o.log })],
    async stop() {
      await reactor?.stop();
      await scheduler.stop();
    },
  };
}
