// Every `ledger` sub-command, in the order --help lists them. A new command (as-of, diff, rebuild, template load...)
// is one file exporting a LedgerCommand next to these, added to this list.
import { accountCommand } from './account.command';
import { asOfCommand } from './as-of.command';
import type { LedgerCommand } from './command';
import { diffCommand } from './diff.command';
import { digestCommand } from './digest.command';
import { exportCommand } from './export.command';
import { historyCommand } from './history.command';
import { importCommand } from './import.command';
import { rebuildCommand } from './rebuild.command';
import { templateCommand } from './template.command';
import { verifyCommand } from './verify.command';

export const LEDGER_COMMANDS: readonly LedgerCommand[] = [
  verifyCommand,
  digestCommand,
  exportCommand,
  importCommand,
  historyCommand,
  asOfCommand,
  diffCommand,
  rebuildCommand,
  templateCommand,
  accountCommand,
];
