'use client';
// On a fresh install (no user yet, a setup token in the server log) the sign-in page points to /setup:
// otherwise the first visitor meets a sign-in form that no account can pass.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api } from './api';

export function FirstRunLink() {
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    api('/api/setup').then((r) => setNeeded(r.needed), () => undefined);
  }, []);
  if (!needed) return null;
  return (
    <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="first-run">
      No account exists yet. <Link href="/setup" className="font-medium text-indigo-700 underline">Create the first admin</Link> with the setup token from the server log.
    </p>
  );
}
