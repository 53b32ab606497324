import { route } from '@/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', duringEnrolment: true, duringPasswordChange: true }, async ({ principal }) => ({
  username: principal.username,
  role: principal.role,
  ...(principal.mustChangePassword ? { mustChangePassword: true } : {}),
}));
