// Sign-in settings admins change at run time (stored): which roles must use a second factor.
import type { Db } from '../store/db';
import { SECOND_FACTOR_ROLES, type SignInSettings } from '../contract';

export function getSignInSettings(db: Db): SignInSettings {
  const row = db.prepare("SELECT value FROM sign_in_settings WHERE key = 'require2fa'").get() as { value: string } | undefined;
  const roles = row ? (JSON.parse(row.value) as string[]) : [];
  return { require2fa: SECOND_FACTOR_ROLES.filter((r) => roles.includes(r)) };
}

export function setSignInSettings(db: Db, settings: SignInSettings): SignInSettings {
  const roles = SECOND_FACTOR_ROLES.filter((r) => settings.require2fa.includes(r));
  db.prepare("INSERT INTO sign_in_settings (key, value) VALUES ('require2fa', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(roles));
  return { require2fa: roles };
}
