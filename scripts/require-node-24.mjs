// npm scripts must run on the Node 24 that the `node` devDependency installs (Lambda runs nodejs24.x).
// `npm ci --ignore-scripts` skips that install and silently leaves scripts on the machine's older Node.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`Comptoir needs Node 24 or later; this is ${process.version}. Run \`npm ci\` (without --ignore-scripts) so the \`node\` devDependency installs Node 24.`);
  process.exit(1);
}
