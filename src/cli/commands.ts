import { allCommands } from '../capabilities.ts';
import type { CommandEntry } from '../capability.ts';
import type { Store } from '../store/connect.ts';
import type { CliIO } from './io.ts';

export type { CommandEntry } from '../capability.ts';

/** A CLI command: each capability contributes its own (`cli` in its manifest, usually `src/<cap>/cli.ts`). */
export interface Command {
  name: string;
  usage: string;
  run: (args: string[], io: CliIO, context: CliContext) => Promise<number>;
}

/** What commands that need the database get: the store of the environment (or of a test). */
export interface CliContext {
  /** Opens (once) and migrates the database named by DATABASE_URL or KETENPLEIN_DATA_DIR. */
  store(): Promise<Store>;
}

/**
 * Every command, from the registry (src/capabilities.ts). The summaries live in the manifests, so `--help`
 * imports no capability code; commands load lazily, so a capability's dependencies load only when used.
 */
export const commands: Record<string, CommandEntry> = allCommands();
