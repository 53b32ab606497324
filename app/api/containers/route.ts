import { route } from '@/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ env }) => env.watcher.list().sort((a, b) => a.name.localeCompare(b.name)));
