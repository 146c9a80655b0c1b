// `npm audit` of what ships to the browser (dev tools are not shipped): fails on any high or
// critical finding. When the advisory service cannot be reached (some registries and mirrors
// refuse the bulk-advisory endpoint), it says so loudly and does not fail: an unreachable
// service is not a finding, and CI must not depend on it.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`npm audit: no readable report (exit ${run.status}).\n${run.stderr}`);
  process.exit(1);
}
if (report.metadata?.vulnerabilities) {
  const { high = 0, critical = 0, moderate = 0, low = 0 } = report.metadata.vulnerabilities;
  console.log(`npm audit (shipped dependencies): ${critical} critical, ${high} high, ${moderate} moderate, ${low} low`);
  process.exit(high + critical > 0 ? 1 : 0);
}
const reason = report.statusCode ? `HTTP ${report.statusCode} from ${report.uri}` : (report.message ?? 'unknown error');
console.warn(`WARNING: npm audit could not reach the advisory service (${reason}); shipped dependencies were NOT checked for known vulnerabilities.`);
