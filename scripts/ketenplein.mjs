// `npm run ketenplein`: the command line from the compiled build (dist/app), rebuilt first when a
// source is newer, so a command starts in a fraction of a second instead of transpiling at every run.
import { ensureAppBuild } from './build-app.mjs';

await ensureAppBuild({ log: (line) => console.error(line) });
const { runAsProcess } = await import('../dist/app/cli/main.js');
runAsProcess();
