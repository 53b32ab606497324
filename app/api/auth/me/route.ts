import { route } from '@/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ principal }) => ({ username: principal!.username, role: principal!.role }));
