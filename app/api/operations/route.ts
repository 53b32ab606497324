import { route } from '@/server/http/route-handler';
import type { OperationsOverview } from '@/server/contract';
import { detectCompose } from '@/server/compose/cli';
import { cliInfo } from '@/server/stacks/cli-info';
import { operations } from '@/server/stacks/operations';

export const dynamic = 'force-dynamic';

/** The compose CLI detected and the operations running on this environment. */
export const GET = route({ permission: 'read' }, async ({ app, env }): Promise<OperationsOverview> => ({
  cli: cliInfo(await detectCompose()),
  running: operations({ app, env }).running(),
}));
