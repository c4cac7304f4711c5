/**
 * The Node.js major version GardenOS runs on (package.json `engines`). Older ones start but fail
 * later and obscurely (the context reader's patterns use regular-expression modifiers, `(?i:…)`,
 * which Node 22 and older refuse): a service refuses to start on them instead, saying why.
 */
export const MIN_NODE_MAJOR = 24;

/** Why this Node.js cannot run GardenOS, or undefined when it can. */
export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
  const major = Number(version.split(".")[0]);
  if (major >= MIN_NODE_MAJOR) return undefined;
  return `GardenOS needs Node.js ${MIN_NODE_MAJOR} (this is Node.js ${version}). Run it through npm (npm start, npx gardenos …), which uses the Node.js ${MIN_NODE_MAJOR} the project installs (the node@${MIN_NODE_MAJOR} devDependency), or install Node.js ${MIN_NODE_MAJOR}.`;
}
