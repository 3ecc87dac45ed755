import { DEMO_PASSWORD, DEMO_USERS } from '../store/demo.ts';
import { loadConfig } from './config.ts';
import { startServer } from './start.ts';

const config = loadConfig();
// The demo world logs in with the printed password: outside production, and unless the operator set the
// roles, two-step verification is not required here (it is in production; issue 19, item 12).
const totpRequiredInProduction = config.totpRequiredRoles;
const demoWithoutTotp = !config.production && !process.env.KETENPLEIN_TOTP_REQUIRED_ROLES;
if (demoWithoutTotp) config.totpRequiredRoles = [];
const running = await startServer(config, { logger: true }).catch((error: Error) => {
  // A refused migration or a missing production key is an operator's problem: say it plainly.
  console.error(`Ketenplein kon niet starten / could not start: ${error.message}`);
  process.exit(1);
});
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
const lines = [
  '',
  `Ketenplein draait op ${running.url}  (database: ${where})`,
  `API-documentatie: ${running.url}/api/docs`,
];
if (!config.production) {
  lines.push('', `Demo-accounts (wachtwoord ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) lines.push(`  ${user.email.padEnd(42)} ${user.roles.join(', ')}`);
}
if (demoWithoutTotp) {
  lines.push(
    '',
    'Tweestapsverificatie is in deze demo uitgeschakeld; in productie (NODE_ENV=production) is die verplicht voor',
    `de rollen ${totpRequiredInProduction.join(', ')} (KETENPLEIN_TOTP_REQUIRED_ROLES).`,
    'Two-step verification is off in this demo; production requires it for the roles above.',
  );
}
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await running.app.close();
    await running.store.close();
    process.exit(0);
  });
}
