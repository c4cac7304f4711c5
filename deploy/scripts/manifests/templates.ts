/** One template per kind of generated object: values from the type's definition and its deploy settings. */
import { join } from "node:path";
import { Alias, Document, Pair, Scalar, YAMLMap, isMap, isScalar, type Node as YamlNode } from "yaml";
import { BANDS, BUILTIN_AGENT_TYPES, Streams, consumerName, type AgentTypeDefinition } from "@gardenos/contracts";
import { passwordEnvFor } from "@gardenos/runtime";
import { GENERATED_HEADER, TERMINATION_GRACE_SECONDS, NATS_NODES, type GeneratorInputs } from "./inputs.ts";
import { settingsFor } from "./settings.ts";

export const yamlOptions = { lineWidth: 0, flowCollectionPadding: false } as const;

/** Sets `comment` above the key at `path` (a map key) or above the sequence item at `path`. */
function commentAt(doc: Document, path: (string | number)[], comment: string): void {
  const text = comment
    .split("\n")
    .map((l) => ` ${l}`)
    .join("\n");
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1]!;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    if (!pair || !isScalar(pair.key)) throw new Error(`no key ${path.join(".")}`);
    pair.key.commentBefore = text;
  } else {
    const node = doc.getIn(path, true) as YamlNode | undefined;
    if (!node) throw new Error(`no item ${path.join(".")}`);
    node.commentBefore = text;
  }
}

function flowAt(doc: Document, path: (string | number)[]): void {
  const node = doc.getIn(path, true) as { flow?: boolean } | undefined;
  if (!node) throw new Error(`no node ${path.join(".")}`);
  node.flow = true;
}

function document(value: unknown, comment?: string): Document {
  const doc = new Document(value);
  if (comment) doc.commentBefore = comment.split("\n").map((l) => ` ${l}`).join("\n");
  return doc;
}

/**
 * What the image runs for a built-in service: its bundle, `services/<service>/dist/main.bundle.mjs`
 * (deploy/scripts/bundle-services.ts, part of `npm run build`; the Dockerfile copies `dist/` whole,
 * chunks included). A few files to load instead of a few hundred modules, a few MB less per service
 * idle (bench/README.md, Memory). The image's default command, `gardenos up` and these manifests all
 * run it; `main.js` still works. The hand-written gateway and metrics (k8s/base, compose.yaml) too.
 */
export const serviceBundle = (service: string): string => `services/${service}/dist/main.bundle.mjs`;

/**
 * The command of an agent type's pods and compose services: a built-in type's bundle; a plugin
 * type's own `main` (its definition's; nothing here bundles it).
 */
export function serviceEntry(def: AgentTypeDefinition): string {
  const builtin = BUILTIN_AGENT_TYPES.some((b) => b.type === def.type && b.service === def.service && b.main === def.main);
  return builtin ? serviceBundle(def.service) : def.main;
}

const labels = (def: AgentTypeDefinition) => ({ "app.kubernetes.io/name": def.service, "app.kubernetes.io/component": "agents" });
const probe = (path: string, o: Record<string, number>) => ({ httpGet: { path, port: "health" }, ...o });

/** The Deployment of one agent type (pods of `serviceEntry`: a built-in service's bundle, a plugin type's `main`). */
export function deploymentTemplate(def: AgentTypeDefinition, i: GeneratorInputs): Document {
  const s = settingsFor(i.settings, def.type);
  const doc = document(
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: def.service, labels: labels(def) },
      spec: {
        replicas: s.pods.min,
        revisionHistoryLimit: 5,
        selector: { matchLabels: { "app.kubernetes.io/name": def.service } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          // gardenos.io/broker-client: the NetworkPolicy (base/network-policy.yaml) lets these pods reach NATS.
          metadata: { labels: { ...labels(def), "gardenos.io/broker-client": "true" } },
          spec: {
            serviceAccountName: "gardenos",
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "app.kubernetes.io/name": def.service } } },
            ],
            containers: [
              {
                name: def.service,
                image: "gardenos",
                args: [serviceEntry(def)],
                ports: [{ name: "health", containerPort: 9090, protocol: "TCP" }],
                envFrom: [{ configMapRef: { name: "gardenos-config" } }, { secretRef: { name: secretName(def) } }],
                env: [
                  { name: "REPLICA_ID", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  // Its own broker user (deploy/nats/auth.conf); the password from its own Secret.
                  { name: "NATS_USER", value: def.service },
                  { name: "NATS_PASSWORD", valueFrom: { secretKeyRef: { name: natsSecretName(def.service), key: "password" } } },
                ],
                resources: { requests: { cpu: "200m", memory: "192Mi" }, limits: { cpu: "1", memory: "512Mi" } },
                startupProbe: probe("/livez", { periodSeconds: 2, failureThreshold: 30 }),
                livenessProbe: probe("/livez", { periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 }),
                readinessProbe: probe("/readyz", { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 }),
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
              },
            ],
            volumes: [{ name: "tmp", emptyDir: {} }],
          },
        },
      },
    },
    `${GENERATED_HEADER}\n\nThe ${def.service} agents (${def.type}: ${def.description}): stateless compute pulling from the shared\nband consumers. Pod count: KEDA (the ScaledObject below); agents per pod: ${def.env.agents} /\nPOST /ai/scale-agents (deploy/README.md "Scaling").`,
  );
  const pod = ["spec", "template", "spec"];
  commentAt(
    doc,
    [...pod, "terminationGracePeriodSeconds"],
    `Longer than the longest task (${def.env.timeout}=${def.timeoutSeconds} s, held to SHUTDOWN_GRACE=${i.shutdownGrace} s on SIGTERM) plus\nthe result publish, the ack and the NATS drain.`,
  );
  const container = [...pod, "containers", 0];
  commentAt(doc, [...container, "env", 0], `Unique agent ids per pod: ${def.service}-<pod name>-0 …`);
  flowAt(doc, [...container, "args"]);
  flowAt(doc, [...container, "securityContext", "capabilities", "drop"]);
  return doc;
}

/** The KEDA ScaledObject of one agent type: a trigger per band consumer plus CPU. */
export function scaledObjectTemplate(def: AgentTypeDefinition, i: GeneratorInputs): Document {
  const s = settingsFor(i.settings, def.type);
  const lag = def.agents.default * s.queuedPerAgent;
  const doc = document(
    {
      apiVersion: "keda.sh/v1alpha1",
      kind: "ScaledObject",
      metadata: { name: def.service },
      spec: {
        scaleTargetRef: { name: def.service },
        minReplicaCount: s.pods.min,
        maxReplicaCount: s.pods.max,
        pollingInterval: 15,
        cooldownPeriod: 300,
        advanced: {
          horizontalPodAutoscalerConfig: {
            behavior: {
              scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: "Percent", value: 100, periodSeconds: 30 }] },
              scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] },
            },
          },
        },
        triggers: [
          ...BANDS.map((band) => ({
            type: "nats-jetstream",
            name: consumerName(def.type, band),
            metadata: {
              natsServerMonitoringEndpoint: "nats-headless.gardenos.svc.cluster.local:8222",
              account: "$G",
              stream: Streams.tasks,
              consumer: consumerName(def.type, band),
              lagThreshold: String(lag),
              activationLagThreshold: "0",
            },
          })),
          { type: "cpu", metricType: "Utilization", metadata: { value: "75" } },
        ],
      },
    },
    `${def.service}: one nats-jetstream trigger per band consumer (KEDA takes the largest of the replica\ncounts they ask for) plus CPU. Lag = num_pending + num_ack_pending of the consumer; the target\nis ${lag} per pod = ${def.agents.default} agents per pod × ~${s.queuedPerAgent} queued tasks each (deploy/README.md "Scaling").`,
  );
  const behavior = ["spec", "advanced", "horizontalPodAutoscalerConfig", "behavior"];
  commentAt(doc, [...behavior, "scaleDown", "stabilizationWindowSeconds"], "Remove one pod a minute: a leaving pod finishes its tasks (SHUTDOWN_GRACE) first.");
  BANDS.forEach((_, n) =>
    commentAt(doc, ["spec", "triggers", n, "metadata", "natsServerMonitoringEndpoint"], "The Helm release's headless service: KEDA finds the consumer leader among the nodes."),
  );
  return doc;
}

/**
 * The credentials every agent service reads: the LLM layer's keys (libs/llm LlmEnvSchema). Each
 * agent service gets a Secret of its own holding these and nothing else; tests/deploy-k8s.test.ts
 * checks that the service reads each.
 */
export const AGENT_SECRET_KEYS = ["DEEPINFRA_API_KEY", "LLM_API_KEY", "NATS_TOKEN", "NATS_NKEY_SEED", "NATS_TLS_KEY"] as const;

/** `<service>-secrets`: one Secret per service, mounted by that service's pods only. */
export const secretName = (def: AgentTypeDefinition): string => `${def.service}-secrets`;

/** The Secret of one agent service: its LLM keys, empty here (filled per environment). */
export function secretTemplate(def: AgentTypeDefinition): Document {
  return document(
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: secretName(def) },
      type: "Opaque",
      stringData: Object.fromEntries(AGENT_SECRET_KEYS.map((k) => [k, ""])),
    },
    `The ${def.service} pods' credentials, theirs alone (no database URL, no API keys of the gateway):\nthe LLM provider keys — and the keys a LLM_PROVIDERS entry names in apiKeyEnv, added here — and,\ninstead of its broker user, a NATS token or nkey seed (NATS_TLS_KEY: the client key file's path).\nEmpty (= unset: the built-in agents answer); fill per environment — the prod overlay's\nsecretGenerator or your secret manager (deploy/README.md "Secrets").`,
  );
}

/** The Secret of one broker user: `gardenos-nats-<user>`, key `password`. */
export function natsSecretName(user: string): string {
  return `gardenos-nats-${user}`;
}

/** The Secret holding an agent service's broker password (empty here: filled per environment, like gardenos-secrets). */
export function natsSecretTemplate(def: AgentTypeDefinition): Document {
  return document(
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: natsSecretName(def.service), labels: labels(def) },
      type: "Opaque",
      stringData: { password: "" },
    },
    `The NATS password of user ${def.service} (deploy/nats/auth.conf: ${passwordEnvFor(def.service)} on the NATS servers). Fill it per\nenvironment (the prod overlay's secretGenerator, or your secret manager); empty, the service refuses to start.`,
  );
}

/** The PodDisruptionBudget of one agent type: drains leave at least one pod running. */
export function podDisruptionBudgetTemplate(def: AgentTypeDefinition): Document {
  return document(
    {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: def.service },
      spec: { minAvailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": def.service } } },
    },
    `Voluntary disruptions (node drains, upgrades) leave at least one ${def.service} pod running.`,
  );
}

/** The kustomize component: the types' files, their variables in the ConfigMap, their bounds on the gateway. */
export function componentTemplate(i: GeneratorInputs): Document {
  return document(
    {
      apiVersion: "kustomize.config.k8s.io/v1alpha1",
      kind: "Component",
      resources: i.types.map((d) => `${d.service}.yaml`),
      patches: [{ path: "patch-config.yaml" }, { path: "patch-gateway.yaml" }],
    },
    `${GENERATED_HEADER}\n\nThe agent types of the registry, one file each, included by ../kustomization.yaml (components).`,
  );
}

/** ConfigMap patch: each type's pool variables (defaults from its definition) and the plugin list. */
export function configPatchTemplate(i: GeneratorInputs): Document {
  const data: Record<string, string> = { AGENT_TYPE_PLUGINS: i.plugins };
  for (const d of i.types) {
    data[d.env.agents] = String(d.agents.default);
    data[d.env.maxAgents] = String(d.agents.max);
    data[d.env.timeout] = String(d.timeoutSeconds);
  }
  const doc = document(
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "gardenos-config" }, data },
    `${GENERATED_HEADER}\n\nAdded to gardenos-config (../config.yaml). Agents per pod at start and their per-pod bound (the\ngateway's Deployment overrides the MAX_* with the cluster-wide bound of POST /ai/scale-agents),\nand seconds one task may take (terminationGracePeriodSeconds is above them); KEDA changes the\nnumber of pods (deploy/README.md "Scaling").`,
  );
  commentAt(doc, ["data", "AGENT_TYPE_PLUGINS"], "Plugin modules with more agent types, as the generator loaded them (every service reads it).");
  return doc;
}

/** Gateway patch: MAX_<TYPE>_AGENTS = KEDA's maxReplicaCount × the per-pod bound. */
export function gatewayPatchTemplate(i: GeneratorInputs): Document {
  const env = i.types.map((d) => ({ name: d.env.maxAgents, value: String(settingsFor(i.settings, d.type).pods.max * d.agents.max) }));
  const bounds = i.types.map((d) => `${settingsFor(i.settings, d.type).pods.max} × ${d.agents.max} ${d.service}`).join(", ");
  const doc = document(
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "gateway" },
      spec: { template: { spec: { containers: [{ name: "gateway", env }] } } },
    },
    `${GENERATED_HEADER}\n\nFor the gateway (../gateway.yaml) the MAX_* bound POST /ai/scale-agents cluster-wide: KEDA's\nmaxReplicaCount × the per-pod bound (${bounds}).`,
  );
  return doc;
}

/** The compose services of one type: `<service>` or `<service>-N` per replica; `index` rotates the NATS node order. */
export function composeServicesTemplate(def: AgentTypeDefinition, i: GeneratorInputs, firstIndex: number): YAMLMap {
  const s = settingsFor(i.settings, def.type);
  const services = new YAMLMap();
  for (let n = 1; n <= s.composeReplicas; n++) {
    const index = firstIndex + n - 1;
    const name = s.composeReplicas === 1 ? def.service : `${def.service}-${n}`;
    const rotate = index % NATS_NODES.length;
    const svc = new YAMLMap();
    svc.items.push(new Pair(new Scalar("<<"), new Alias("gardenos")));
    const command = new Document([serviceEntry(def)]).contents as YamlNode & { flow?: boolean };
    command.flow = true;
    svc.items.push(new Pair(new Scalar("command"), command));
    const env = new YAMLMap();
    env.items.push(new Pair(new Scalar("<<"), new Alias("agent-env")));
    // Each replica starts from a different node (the first keeps x-service-env's order).
    if (rotate !== 0) env.items.push(new Pair(new Scalar("NATS_URL"), new Scalar([...NATS_NODES.slice(rotate), ...NATS_NODES.slice(0, rotate)].join(","))));
    env.items.push(new Pair(new Scalar("REPLICA_ID"), new Scalar(`${def.service}-${n}`)));
    // Its own broker user (deploy/nats/auth.conf); the password is required, with no default.
    const pw = passwordEnvFor(def.service);
    env.items.push(new Pair(new Scalar("NATS_USER"), new Scalar(def.service)));
    env.items.push(new Pair(new Scalar("NATS_PASSWORD"), new Scalar(`\${${pw}:?set ${pw} (deploy/README.md, Broker authentication)}`)));
    svc.items.push(new Pair(new Scalar("environment"), env));
    services.items.push(new Pair(new Scalar(name), svc));
  }
  return services;
}
